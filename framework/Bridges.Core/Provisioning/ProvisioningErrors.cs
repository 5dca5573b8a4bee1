using Bridges.Matrix.Errors;
using Microsoft.AspNetCore.Http;

namespace Bridges.Core.Provisioning;

/// <summary>The provisioning API's error codes, each with its HTTP status, in one place.</summary>
public static class ProvisioningErrors
{
    public const string UnknownFlow = "NET.BRIDGES.UNKNOWN_FLOW";
    public const string UnknownProcess = "NET.BRIDGES.UNKNOWN_LOGIN_PROCESS";
    public const string UnknownLogin = "NET.BRIDGES.UNKNOWN_LOGIN";
    public const string NotResolved = "NET.BRIDGES.IDENTIFIER_NOT_FOUND";
    public const string NotBridged = "NET.BRIDGES.NOT_BRIDGED";
    public const string Conflict = "NET.BRIDGES.CONFLICT";

    /// <summary>Backfill is disabled, or no connected login can read the chat's history.</summary>
    public const string BackfillUnavailable = "NET.BRIDGES.BACKFILL_UNAVAILABLE";

    internal static IResult Of(string code, string message) => MatrixErrorResults.Error(code switch
    {
        UnknownFlow or UnknownProcess or UnknownLogin or NotResolved or NotBridged => StatusCodes.Status404NotFound,
        Conflict => StatusCodes.Status409Conflict,
        BackfillUnavailable => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status400BadRequest,
    }, code, message);
}
