using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Http;

/// <summary>A Matrix error to answer the current request with; made by <see cref="MatrixError"/>.</summary>
internal sealed class MatrixException : Exception
{
    public MatrixException(int status, string errcode, string error, JsonObject? extra = null)
        : base($"{status} {errcode}: {error}")
    {
        Status = status;
        ErrCode = errcode;
        Error = error;
        Extra = extra;
    }

    public MatrixException()
        : this(500, "M_UNKNOWN", "unknown error")
    {
    }

    public MatrixException(string message)
        : this(500, "M_UNKNOWN", message)
    {
    }

    public MatrixException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        ErrCode = "M_UNKNOWN";
        Error = message;
    }

    public int Status { get; }

    public string ErrCode { get; }

    public string Error { get; }

    /// <summary>Further fields of the error body (e.g. <c>retry_after_ms</c>, UIA flows).</summary>
    public JsonObject? Extra { get; }

    public JsonObject ToJson()
    {
        var body = new JsonObject { ["errcode"] = ErrCode, ["error"] = Error };
        foreach (var (key, value) in Extra ?? [])
        {
            body[key] = value?.DeepClone();
        }

        return body;
    }
}
