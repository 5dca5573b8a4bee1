namespace Bridges.Testing.Homeserver;

/// <summary>One attempt of the homeserver to push a transaction to an appservice.</summary>
/// <param name="AppServiceId">The appservice's id.</param>
/// <param name="TransactionId">The <c>txnId</c> in the URL; a retry reuses it.</param>
/// <param name="Attempt">1 for the first try, then 2, 3, ...</param>
/// <param name="StatusCode">The HTTP status the appservice answered, or null when the connection failed.</param>
/// <param name="EventCount">Number of entries in <c>events</c>.</param>
/// <param name="EphemeralCount">Number of entries in <c>ephemeral</c>.</param>
/// <param name="Error">The connection error, when there was one.</param>
public sealed record AppServiceDelivery(
    string AppServiceId,
    string TransactionId,
    int Attempt,
    int? StatusCode,
    int EventCount,
    int EphemeralCount,
    string? Error);
