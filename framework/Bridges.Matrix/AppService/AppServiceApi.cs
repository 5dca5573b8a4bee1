using System.Text.Json;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Bridges.Matrix.Registration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Bridges.Matrix.AppService;

/// <summary>
/// The Application Service API a homeserver calls: transactions, user and alias queries, third-party lookups
/// and ping, under <c>/_matrix/app/v1</c> and the legacy unprefixed paths. Several instances can serve one host,
/// each under its own path prefix and with its own registration.
/// </summary>
public sealed partial class AppServiceApi
{
    private const int MaxBodyBytes = 64 * 1024 * 1024;
    private readonly AccessTokenCheck _tokenCheck;
    private readonly IAppServiceTransactionSink _sink;
    private readonly IAppServiceQueryHandler? _queries;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AppServiceApi(AppServiceRegistration registration, IAppServiceTransactionSink sink, IAppServiceQueryHandler? queries,
        TimeProvider time, ILogger<AppServiceApi> logger)
    {
        Registration = registration;
        _tokenCheck = new AccessTokenCheck(registration.HsToken);
        _sink = sink;
        _queries = queries;
        _time = time;
        _logger = logger;
    }

    /// <summary>The registration whose hs_token this API accepts.</summary>
    public AppServiceRegistration Registration { get; }

    /// <summary>The last ping received: its transaction id (if any) and when.</summary>
    public (string? TransactionId, DateTimeOffset At)? LastPing { get; private set; }

    /// <summary>Maps the endpoints under <paramref name="pathPrefix"/> (empty, or e.g. <c>/irc</c>).</summary>
    public void Map(IEndpointRouteBuilder endpoints, string pathPrefix = "")
    {
        var group = endpoints.MapGroup(pathPrefix.TrimEnd('/'));
        foreach (var basePath in new[] { "/_matrix/app/v1", string.Empty })
        {
            group.MapPut(basePath + "/transactions/{txnId}", (HttpContext ctx, string txnId) => Authorized(ctx, () => HandleTransactionAsync(ctx, txnId)));
            group.MapGet(basePath + "/users/{userId}", (HttpContext ctx, string userId) => Authorized(ctx, () => HandleUserQueryAsync(RouteValue(userId), ctx.RequestAborted)));
            group.MapGet(basePath + "/rooms/{roomAlias}", (HttpContext ctx, string roomAlias) => Authorized(ctx, () => HandleAliasQueryAsync(RouteValue(roomAlias), ctx.RequestAborted)));
            group.MapGet(basePath + "/thirdparty/protocol/{protocol}", (HttpContext ctx, string protocol) => Authorized(ctx, () => UnknownProtocol(protocol)));
            group.MapGet(basePath + "/thirdparty/user/{protocol?}", (HttpContext ctx, string? protocol) => Authorized(ctx, NoLookups));
            group.MapGet(basePath + "/thirdparty/location/{protocol?}", (HttpContext ctx, string? protocol) => Authorized(ctx, NoLookups));
        }

        group.MapPost("/_matrix/app/v1/ping", (Delegate)((HttpContext ctx) => Authorized(ctx, () => HandlePingAsync(ctx))));
        group.Map("/_matrix/app/{**rest}", (Delegate)((HttpContext ctx) => Authorized(ctx, () => Task.FromResult(MatrixErrorResults.Unrecognized()))));
    }

    private async Task<IResult> Authorized(HttpContext ctx, Func<Task<IResult>> handler)
    {
        switch (_tokenCheck.Check(ctx.Request))
        {
            case AccessTokenCheck.Outcome.Missing:
                Log.MissingToken(_logger, ctx.Request.Path);
                return MatrixErrorResults.Unauthorized("The homeserver did not supply an hs_token.");
            case AccessTokenCheck.Outcome.Wrong:
                Log.WrongToken(_logger, ctx.Request.Path);
                return MatrixErrorResults.Forbidden("The supplied hs_token does not match the registration.");
            default:
                return await handler().ConfigureAwait(false);
        }
    }

    private async Task<IResult> HandleTransactionAsync(HttpContext ctx, string txnId)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["TxnId"] = txnId });
        JsonDocument document;
        try
        {
            var body = await ReadBodyAsync(ctx.Request, ctx.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                return MatrixErrorResults.Error(StatusCodes.Status413PayloadTooLarge, MatrixErrorCodes.TooLarge, "The transaction body is too large.");
            }

            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            Log.RejectedTransaction(_logger, txnId, MatrixErrorCodes.NotJson, e.Message);
            AppServiceMetrics.Transaction(Registration.Id, "rejected", 0);
            return MatrixErrorResults.NotJson($"The transaction body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var transaction = TransactionParser.Parse(txnId, document.RootElement, out var error, out var skipped);
            if (transaction is null)
            {
                Log.RejectedTransaction(_logger, txnId, MatrixErrorCodes.BadJson, error!);
                AppServiceMetrics.Transaction(Registration.Id, "rejected", 0);
                return MatrixErrorResults.BadJson(error!);
            }

            if (skipped > 0)
            {
                Log.SkippedMalformedEvents(_logger, txnId, skipped);
            }

            bool isNew;
            try
            {
                isNew = await _sink.AcceptAsync(transaction, ctx.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ctx.RequestAborted.IsCancellationRequested)
            {
                // Not stored (the database is closing or failing): a Matrix error, so the homeserver retries it later.
                Log.TransactionNotStored(_logger, e, txnId);
                AppServiceMetrics.Transaction(Registration.Id, "failed", 0);
                return MatrixErrorResults.Error(StatusCodes.Status503ServiceUnavailable, MatrixErrorCodes.Unknown, "The transaction could not be stored; try again.");
            }

            if (isNew)
            {
                Log.AcceptedTransaction(_logger, txnId, transaction.Events.Count, transaction.Ephemeral.Count);
                AppServiceMetrics.Transaction(Registration.Id, "new", transaction.Events.Count + transaction.Ephemeral.Count);
            }
            else
            {
                Log.DuplicateTransaction(_logger, txnId);
                AppServiceMetrics.Transaction(Registration.Id, "duplicate", 0);
            }

            return Results.Json(new Dictionary<string, JsonElement>(), MatrixJsonContext.Default.DictionaryStringJsonElement);
        }
    }

    /// <summary>
    /// A route value as sent: Kestrel decodes every escape in the path except <c>%2F</c>, which it keeps so a value cannot
    /// split a segment; ids may contain <c>/</c> (user localparts, IRC portal aliases such as <c>#irc_net/#chan</c>).
    /// </summary>
    private static string RouteValue(string value) => value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private async Task<IResult> HandleUserQueryAsync(string userId, CancellationToken ct)
    {
        if (!UserId.TryParse(userId, out var id) || !Registration.IsInUserNamespace(id) || _queries is null)
        {
            return MatrixErrorResults.NotFound($"{userId} is not a user this appservice provides.");
        }

        return await _queries.QueryUserAsync(id, ct).ConfigureAwait(false) ? Empty() : MatrixErrorResults.NotFound($"{userId} does not exist.");
    }

    private async Task<IResult> HandleAliasQueryAsync(string roomAlias, CancellationToken ct)
    {
        if (!RoomAlias.TryParse(roomAlias, out var alias) || !Registration.IsInAliasNamespace(alias) || _queries is null)
        {
            return MatrixErrorResults.NotFound($"{roomAlias} is not an alias this appservice provides.");
        }

        return await _queries.QueryAliasAsync(alias, ct).ConfigureAwait(false) ? Empty() : MatrixErrorResults.NotFound($"{roomAlias} does not exist.");
    }

    // No bridge offers third-party protocol lookups (yet): the routes answer as the spec says for an unknown
    // protocol, so a homeserver gets a Matrix error rather than the listener's bare 404.
    private static Task<IResult> UnknownProtocol(string protocol) => Task.FromResult(MatrixErrorResults.NotFound($"Unknown protocol '{protocol}'."));

    private static Task<IResult> NoLookups() => Task.FromResult(MatrixErrorResults.NotFound("This appservice provides no third-party lookups."));

    private async Task<IResult> HandlePingAsync(HttpContext ctx)
    {
        string? txnId = null;
        try
        {
            var body = await ReadBodyAsync(ctx.Request, ctx.RequestAborted).ConfigureAwait(false);
            if (body is { Length: > 0 })
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return MatrixErrorResults.BadJson("The ping body must be an object.");
                }

                if (doc.RootElement.TryGetProperty("transaction_id", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    txnId = t.GetString();
                }
            }
        }
        catch (JsonException e)
        {
            return MatrixErrorResults.NotJson($"The ping body is not valid JSON: {e.Message}");
        }

        LastPing = (txnId, _time.GetUtcNow());
        Log.PingReceived(_logger, txnId);
        return Empty();
    }

    private static IResult Empty() => Results.Json(new Dictionary<string, JsonElement>(), MatrixJsonContext.Default.DictionaryStringJsonElement);

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
