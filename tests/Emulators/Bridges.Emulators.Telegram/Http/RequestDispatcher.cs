using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.Methods;
using Bridges.Emulators.Telegram.World;
using Microsoft.AspNetCore.Http;

namespace Bridges.Emulators.Telegram.Http;

/// <summary>
/// Serves <c>/bot{token}/{method}</c> and <c>/file/bot{token}/{file_path}</c>: authenticates the token, applies
/// injected rate limits, validates the parameters against the spec (a bad call gets Telegram's 400 and is recorded
/// as a violation), runs the method and checks its result against the declared return type.
/// </summary>
internal sealed class RequestDispatcher(WorldState world, MethodTable methods, ViolationRecorder violations, HttpClient http)
{
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/file/bot", StringComparison.Ordinal))
        {
            await DownloadAsync(context, path["/file/bot".Length..]);
            return;
        }

        if (!path.StartsWith("/bot", StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, BotApiException.NotFound());
            return;
        }

        var rest = path["/bot".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var token = slash < 0 ? rest : rest[..slash];
        var methodName = slash < 0 ? "" : rest[(slash + 1)..];
        BotState? bot;
        lock (world.Gate)
        {
            bot = world.BotsByToken.GetValueOrDefault(token);
        }

        var status = await CallAsync(context, bot, methodName);
        lock (world.Gate)
        {
            world.Requests.Add(new RecordedRequest(bot?.User.Username, methodName, status.Code, status.Description, world.NowOffset));
        }
    }

    private async Task<(int Code, string? Description)> CallAsync(HttpContext context, BotState? bot, string methodName)
    {
        try
        {
            if (bot is null)
            {
                throw BotApiException.Unauthorized();
            }

            var method = world.Spec.FindMethod(methodName);
            if (method is null)
            {
                violations.Record(SpecViolationKind.Request, methodName, bot, [$"unknown method \"{methodName}\""]);
                throw BotApiException.NotFound();
            }

            CheckRateLimit(method.Name);
            var parameters = await RequestParser.ParseAsync(context.Request, context.RequestAborted);
            var validation = world.Spec.ValidateRequest(method.Name, parameters);
            if (!validation.IsValid)
            {
                violations.Record(SpecViolationKind.Request, method.Name, bot, validation.Errors);
                throw BotApiException.BadRequest(validation.Errors[0]);
            }

            CheckInjectedFailure(method.Name);
            var handler = methods.Find(method.Name);
            if (handler is null)
            {
                violations.Record(SpecViolationKind.Unsupported, method.Name, bot, [$"{method.Name} is not implemented by the emulator"]);
                throw BotApiException.BadRequest($"method {method.Name} is not supported by the emulator");
            }

            var uploads = parameters.Where(p => p.Value.Upload is not null).ToDictionary(p => p.Key, p => p.Value.Upload!);
            var ctx = new MethodContext(world, bot, method, validation.Values, uploads, http, context.RequestAborted);
            var result = await handler(ctx);
            var body = new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString(ApiJson.Options);
            using (var doc = JsonDocument.Parse(body))
            {
                violations.CheckResponse(method.Name, bot, method.Returns, doc.RootElement.GetProperty("result"));
            }

            await WriteAsync(context, 200, body);
            return (200, null);
        }
        catch (BotApiException e)
        {
            if (e.Parameters is not null)
            {
                violations.CheckResponse(methodName, bot, ["ResponseParameters"], JsonSerializer.SerializeToElement(e.Parameters));
            }

            await WriteErrorAsync(context, e);
            return (e.ErrorCode, e.Description);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return (499, "client closed the request");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in the emulator: answered as Telegram's rare 500 and recorded so the test fails loudly.
            violations.Record(SpecViolationKind.Response, methodName, bot, [$"the emulator failed: {e}"]);
            await WriteErrorAsync(context, new BotApiException(500, "Internal Server Error"));
            return (500, e.Message);
        }
    }

    private void CheckRateLimit(string method)
    {
        lock (world.Gate)
        {
            if (world.RateLimits.TryGetValue(method, out var limit) && limit.Remaining > 0)
            {
                world.RateLimits[method] = limit with { Remaining = limit.Remaining - 1 };
                throw BotApiException.TooManyRequests(limit.RetryAfter);
            }
        }
    }

    private void CheckInjectedFailure(string method)
    {
        lock (world.Gate)
        {
            if (!world.Failures.TryGetValue(method, out var failure) || failure.Remaining == 0)
            {
                return;
            }

            if (failure.Skip > 0)
            {
                world.Failures[method] = failure with { Skip = failure.Skip - 1 };
                return;
            }

            world.Failures[method] = failure with { Remaining = failure.Remaining - 1 };
            throw failure.Status switch
            {
                429 => BotApiException.TooManyRequests(1),
                502 => new BotApiException(502, "Bad Gateway"),
                _ => new BotApiException(500, "Internal Server Error"),
            };
        }
    }

    private async Task DownloadAsync(HttpContext context, string rest)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var token = slash < 0 ? rest : rest[..slash];
        var filePath = slash < 0 ? "" : rest[(slash + 1)..];
        StoredFile? file;
        bool known;
        lock (world.Gate)
        {
            known = world.BotsByToken.ContainsKey(token);
            file = world.Files.FindByPath(filePath);
        }

        if (!known)
        {
            await WriteErrorAsync(context, BotApiException.Unauthorized());
            return;
        }

        if (file is null)
        {
            await WriteErrorAsync(context, BotApiException.NotFound());
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = file.Content.Length;
        await context.Response.Body.WriteAsync(file.Content, context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, BotApiException error)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = error.ErrorCode, ["description"] = error.Description };
        if (error.Parameters is not null)
        {
            body["parameters"] = error.Parameters.DeepClone();
        }

        return WriteAsync(context, error.ErrorCode, body.ToJsonString(ApiJson.Options));
    }

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
