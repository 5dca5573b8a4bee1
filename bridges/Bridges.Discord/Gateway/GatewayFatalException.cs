namespace Bridges.Discord.Gateway;

/// <summary>The Gateway closed with a code that reconnecting cannot fix (bad token, disallowed intents).</summary>
internal sealed class GatewayFatalException(int closeCode) : Exception($"Discord Gateway closed the connection with {closeCode}: {GatewayCloseCodes.Explain(closeCode)}")
{
    public int CloseCode { get; } = closeCode;
}
