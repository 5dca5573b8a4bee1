using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Bridges.Testing.Homeserver.Http;

/// <summary>
/// The request pipeline: read the body, check the request against the spec (a violation is recorded and answered
/// 400), apply injected failures, authenticate, run the handler, check the response, write it.
/// </summary>
internal sealed class RequestDispatcher(HomeserverContext ctx, Router router, Authenticator authenticator,
    FailureInjector injector, CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var q = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = q < 0 ? target : target[..q];
        var query = q < 0 ? "" : target[q..];
        var method = http.Request.Method;
        string? operationId = null;
        MatrixResult result;
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = aborted.Token;
        try
        {
            var segments = rawPath.Split('/').Select(Uri.UnescapeDataString).ToList();
            var (route, values, _) = router.Match(method, segments);
            if (route is null && segments[^1].Length > 0)
            {
                // An empty state key's trailing slash is optional.
                (route, values, _) = router.Match(method, [.. segments, ""]);
            }

            var body = await ReadBodyAsync(http, route?.RawBody == true, ct);
            JsonNode? json = null;
            JsonElement? element = null;
            if (route?.RawBody != true && body.Length > 0)
            {
                (json, element) = ParseJson(method, rawPath, body);
            }

            var validation = ctx.Validator.ValidateRequest(method, rawPath + query, element);
            operationId = validation.OperationId;
            if (route is null)
            {
                throw Unrouted(method, rawPath, validation);
            }

            if (!validation.IsValid)
            {
                ctx.Violations.Record(SpecViolationSource.Request, $"{method} {rawPath}", validation.Violations);
                var errcode = validation.Violations.All(v => !v.InstancePath.StartsWith('$')) ? "M_INVALID_PARAM" : "M_BAD_JSON";
                throw MatrixError.Create(400, errcode,
                    "Request does not match the Matrix spec: " + string.Join("; ", validation.Violations));
            }

            var info = new HttpRequestInfo(method, rawPath, query, operationId, authenticator.Peek(http));
            if (injector.TryTake(info) is { } injected)
            {
                throw injected;
            }

            var rc = new RequestContext(http, method, rawPath, values!) { Body = json, RawBody = body };
            if (route.Auth == RouteAuth.Required || (route.Auth == RouteAuth.Optional && Authenticator.Token(http) is not null))
            {
                rc.Requester = authenticator.Authenticate(http);
            }

            result = await route.Handler(rc, ct);
        }
        catch (MatrixException ex)
        {
            result = MatrixResult.Error(ex);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away or the server is stopping (e.g. a long-polling sync).
            http.Abort();
            return;
        }
        catch (BadHttpRequestException ex)
        {
            // The client's fault, not the homeserver's: a body cut short (a client killed mid-request) or malformed.
            if (http.RequestAborted.IsCancellationRequested)
            {
                http.Abort();
                return;
            }

            result = MatrixResult.Error(MatrixError.Create(ex.StatusCode, "M_UNKNOWN", ex.Message));
        }
        catch (Exception ex)
        {
            // A homeserver bug: answer like a server would, and make the test fail loudly at dispose.
            ctx.Violations.Record(SpecViolationSource.Response, $"{method} {rawPath}",
                [new SchemaViolation("$", "internal", "homeserver error: " + ex)]);
            result = MatrixResult.Error(MatrixError.Create(500, "M_UNKNOWN", "Internal server error: " + ex.Message));
        }

        if (ctx.Options.ValidateResponses && result.Json is not null && operationId is not null && !result.SkipResponseValidation)
        {
            var check = ctx.Validator.ValidateResponse(method, rawPath, result.Status, JsonSerializer.SerializeToElement(result.Json));
            if (!check.IsValid)
            {
                ctx.Violations.Record(SpecViolationSource.Response, $"{method} {rawPath} -> {result.Status}", check.Violations);
            }
        }

        await WriteAsync(http, result);
    }

    private MatrixException Unrouted(string method, string rawPath, SpecValidationResult validation)
    {
        if (validation.IsMethodNotAllowed)
        {
            ctx.Violations.Record(SpecViolationSource.Request, $"{method} {rawPath}", validation.Violations);
            return MatrixError.Unrecognized(405, "Unrecognized request");
        }

        // Unstable endpoints are legitimately probed by clients; anything else outside the spec is a bug.
        if (validation.IsUnknownEndpoint && !rawPath.Contains("/unstable/", StringComparison.Ordinal))
        {
            ctx.Violations.Record(SpecViolationSource.Request, $"{method} {rawPath}", validation.Violations);
        }

        return MatrixError.Unrecognized(404, "Unrecognized request");
    }

    private (JsonNode? Json, JsonElement Element) ParseJson(string method, string rawPath, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return (JsonNode.Parse(body), document.RootElement.Clone());
        }
        catch (JsonException ex)
        {
            ctx.Violations.Record(SpecViolationSource.Request, $"{method} {rawPath}",
                [new SchemaViolation("$", "json", "body is not valid JSON: " + ex.Message)]);
            throw MatrixError.NotJson("Content not JSON.");
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpContext http, bool isUpload, CancellationToken ct)
    {
        var limit = ctx.Options.MaxUploadBytes;
        if (http.Request.ContentLength > limit)
        {
            throw isUpload ? MatrixError.TooLarge("Upload request body is too large") : MatrixError.TooLarge("Request body is too large");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw MatrixError.TooLarge("Upload request body is too large");
            }
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext http, MatrixResult result)
    {
        http.Response.StatusCode = result.Status;
        foreach (var (key, value) in result.Headers)
        {
            http.Response.Headers[key] = value;
        }

        if (result.Bytes is not null)
        {
            http.Response.ContentType = result.ContentType ?? "application/octet-stream";
            http.Response.ContentLength = result.Bytes.Length;
            await http.Response.Body.WriteAsync(result.Bytes);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes((result.Json ?? new JsonObject()).ToJsonString());
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes);
    }
}
