using System.Collections.Concurrent;
using Bridges.Core.Network;
using Bridges.Matrix.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bridges.Core.Webhooks;

/// <summary>
/// One route, <c>POST {prefix}/_bridges/webhook/{name}</c>, mapped at start and dispatched to whatever the plugin
/// registered by then, since plugins learn their webhook names (a bot id) only once running.
/// </summary>
public sealed class WebhookRegistry : IWebhooks
{
    /// <summary>Largest body accepted; webhook payloads are small JSON documents.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const string Route = "/_bridges/webhook";
    private readonly ConcurrentDictionary<string, Func<WebhookRequest, CancellationToken, Task<int>>> _handlers = new(StringComparer.Ordinal);
    private string? _baseUrl;

    /// <inheritdoc />
    public Uri? UrlFor(string name) => _baseUrl is null ? null : new Uri($"{_baseUrl}{Route}/{Uri.EscapeDataString(name)}");

    /// <inheritdoc />
    public void Register(string name, Func<WebhookRequest, CancellationToken, Task<int>> handler) => _handlers[name] = handler;

    /// <inheritdoc />
    public void Unregister(string name) => _handlers.TryRemove(name, out _);

    /// <summary>Maps the route; <paramref name="publicBaseUrl"/> is how the network reaches this listener and prefix.</summary>
    public void Map(IEndpointRouteBuilder endpoints, string publicBaseUrl, string pathPrefix = "")
    {
        _baseUrl = publicBaseUrl.TrimEnd('/');
        endpoints.MapPost(pathPrefix.TrimEnd('/') + Route + "/{name}", HandleAsync);
    }

    private async Task<IResult> HandleAsync(HttpContext ctx, string name)
    {
        if (!_handlers.TryGetValue(name, out var handler))
        {
            return MatrixErrorResults.NotFound("No such webhook.");
        }

        if (ctx.Request.ContentLength > MaxBodyBytes)
        {
            return MatrixErrorResults.Error(StatusCodes.Status413PayloadTooLarge, MatrixErrorCodes.TooLarge, "The body is too large.");
        }

        using var body = new MemoryStream();
        var buffer = new byte[16384];
        int read;
        while ((read = await ctx.Request.Body.ReadAsync(buffer, ctx.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                return MatrixErrorResults.Error(StatusCodes.Status413PayloadTooLarge, MatrixErrorCodes.TooLarge, "The body is too large.");
            }

            body.Write(buffer, 0, read);
        }

        var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var status = await handler(new WebhookRequest(headers, body.ToArray()), ctx.RequestAborted).ConfigureAwait(false);
        return Results.StatusCode(status);
    }
}
