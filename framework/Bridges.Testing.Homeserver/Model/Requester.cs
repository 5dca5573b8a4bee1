namespace Bridges.Testing.Homeserver.Model;

/// <summary>Who a request acts as, after authentication and appservice identity assertion.</summary>
/// <param name="UserId">The user the request acts as.</param>
/// <param name="DeviceId">The device of a user token; null for appservice tokens.</param>
/// <param name="Scope">Transaction-id scope: the device, or the appservice plus asserted user.</param>
/// <param name="AppService">The appservice whose <c>as_token</c> was used, if any.</param>
internal sealed record Requester(string UserId, string? DeviceId, string Scope, AppServiceRegistration? AppService);
