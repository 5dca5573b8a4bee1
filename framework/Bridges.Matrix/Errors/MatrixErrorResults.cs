using Bridges.Matrix.Events;
using Microsoft.AspNetCore.Http;

namespace Bridges.Matrix.Errors;

/// <summary>The one way our HTTP APIs answer with a Matrix error body.</summary>
public static class MatrixErrorResults
{
    /// <summary>An error response with the given status, errcode and message.</summary>
    public static IResult Error(int status, string errcode, string message) =>
        Results.Json(new MatrixError(errcode, message), MatrixJsonContext.Default.MatrixError, statusCode: status);

    /// <summary>401: no credentials were supplied.</summary>
    public static IResult Unauthorized(string message = "No access token was supplied.") =>
        Error(StatusCodes.Status401Unauthorized, MatrixErrorCodes.Unauthorized, message);

    /// <summary>403: the credentials are wrong.</summary>
    public static IResult Forbidden(string message = "The access token is not valid.") =>
        Error(StatusCodes.Status403Forbidden, MatrixErrorCodes.Forbidden, message);

    /// <summary>404 M_NOT_FOUND.</summary>
    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, MatrixErrorCodes.NotFound, message);

    /// <summary>400 M_NOT_JSON: the body is not JSON at all.</summary>
    public static IResult NotJson(string message) => Error(StatusCodes.Status400BadRequest, MatrixErrorCodes.NotJson, message);

    /// <summary>400 M_BAD_JSON: JSON of the wrong shape.</summary>
    public static IResult BadJson(string message) => Error(StatusCodes.Status400BadRequest, MatrixErrorCodes.BadJson, message);

    /// <summary>404 M_UNRECOGNIZED for endpoints we do not serve.</summary>
    public static IResult Unrecognized() => Error(StatusCodes.Status404NotFound, MatrixErrorCodes.Unrecognized, "Unrecognized request");
}
