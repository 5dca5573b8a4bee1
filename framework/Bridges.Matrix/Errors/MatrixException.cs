using System.Net;

namespace Bridges.Matrix.Errors;

/// <summary>A Matrix API call failed with an HTTP error status (after any retries).</summary>
public sealed class MatrixException : Exception
{
    public MatrixException(HttpStatusCode status, string errcode, string message, TimeSpan? retryAfter = null)
        : base($"{(int)status} {errcode}: {message}")
    {
        Status = status;
        Errcode = errcode;
        ErrorText = message;
        RetryAfter = retryAfter;
    }

    public MatrixException()
        : this(HttpStatusCode.InternalServerError, MatrixErrorCodes.Unknown, "Unknown error")
    {
    }

    public MatrixException(string message)
        : this(HttpStatusCode.InternalServerError, MatrixErrorCodes.Unknown, message)
    {
    }

    public MatrixException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = HttpStatusCode.InternalServerError;
        Errcode = MatrixErrorCodes.Unknown;
        ErrorText = message;
    }

    /// <summary>The HTTP status the homeserver answered.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The Matrix <c>errcode</c>, or <c>M_UNKNOWN</c> when the body had none.</summary>
    public string Errcode { get; }

    /// <summary>The homeserver's <c>error</c> text.</summary>
    public string ErrorText { get; }

    /// <summary>For rate limits: how long the server asked us to wait.</summary>
    public TimeSpan? RetryAfter { get; }
}
