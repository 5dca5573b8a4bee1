namespace Bridges.Core.Logins;

/// <summary>An input a login step asks for.</summary>
/// <param name="Id">Key in the submitted input.</param>
/// <param name="Name">Label.</param>
/// <param name="IsSecret">True for passwords and tokens: clients hide them and the bridge redacts the message.</param>
public sealed record LoginField(string Id, string Name, bool IsSecret = false);
