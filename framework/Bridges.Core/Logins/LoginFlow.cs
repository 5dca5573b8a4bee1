namespace Bridges.Core.Logins;

/// <summary>A way to log in (password, token, cookie, QR…).</summary>
public sealed record LoginFlow(string Id, string Name, string Description);
