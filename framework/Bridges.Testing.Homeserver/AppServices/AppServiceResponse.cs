namespace Bridges.Testing.Homeserver.AppServices;

/// <summary>How an appservice answered one request: a status and body, a connection error, or a timeout.</summary>
internal sealed record AppServiceResponse(int? Status, string? Body, string? Error, bool TimedOut)
{
    public bool IsOk => Status == 200;
}
