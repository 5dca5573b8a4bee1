namespace Bridges.Matrix.Errors;

/// <summary>Error codes from the Matrix spec (Client-Server API, "Standard error response").</summary>
public static class MatrixErrorCodes
{
    public const string Forbidden = "M_FORBIDDEN";
    public const string UnknownToken = "M_UNKNOWN_TOKEN";
    public const string MissingToken = "M_MISSING_TOKEN";
    public const string BadJson = "M_BAD_JSON";
    public const string NotJson = "M_NOT_JSON";
    public const string NotFound = "M_NOT_FOUND";
    public const string LimitExceeded = "M_LIMIT_EXCEEDED";
    public const string Unrecognized = "M_UNRECOGNIZED";
    public const string Unknown = "M_UNKNOWN";
    public const string UserInUse = "M_USER_IN_USE";
    public const string InvalidUsername = "M_INVALID_USERNAME";
    public const string Exclusive = "M_EXCLUSIVE";
    public const string RoomInUse = "M_ROOM_IN_USE";
    public const string InvalidParam = "M_INVALID_PARAM";
    public const string MissingParam = "M_MISSING_PARAM";
    public const string TooLarge = "M_TOO_LARGE";
    public const string NotForbidden = "M_NOT_FORBIDDEN";
    public const string UrlNotSet = "M_URL_NOT_SET";
    public const string ConnectionFailed = "M_CONNECTION_FAILED";
    public const string ConnectionTimeout = "M_CONNECTION_TIMEOUT";
    public const string BadStatus = "M_BAD_STATUS";
    public const string Unauthorized = "M_UNAUTHORIZED";
}
