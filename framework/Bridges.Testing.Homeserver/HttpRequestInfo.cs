namespace Bridges.Testing.Homeserver;

/// <summary>What a failure-injection rule sees of a request (see <see cref="TestHomeserver.InjectFailures"/>).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">The path as sent (percent-encoded), without query.</param>
/// <param name="Query">The query string including <c>?</c>, or empty.</param>
/// <param name="OperationId">The spec's operationId (e.g. <c>sendMessage</c>), or null for a non-spec path.</param>
/// <param name="UserId">The authenticated (or asserted) user, when the access token is known.</param>
public sealed record HttpRequestInfo(string Method, string Path, string Query, string? OperationId, string? UserId);
