using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Methods;

/// <summary>
/// The file of a send call: an uploaded part, a file_id of a file the emulator holds, or an HTTP URL that is
/// fetched (only reachable URLs, e.g. on 127.0.0.1, work here).
/// </summary>
internal sealed record MediaInput(StoredFile? Existing, byte[]? Content, string? FileName, string? ContentType)
{
    public static async Task<MediaInput> ResolveAsync(MethodContext ctx, string parameter)
    {
        var value = ctx.String(parameter)!;
        if (ctx.Upload(value) is { } upload)
        {
            if (upload.Content.Length > ctx.World.Options.MaxUploadBytes)
            {
                throw new BotApiException(413, "Request Entity Too Large");
            }

            return new MediaInput(null, upload.Content.ToArray(), upload.FileName, upload.ContentType);
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ctx.Ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                using var response = await ctx.Http.GetAsync(url, timeout.Token);
                response.EnsureSuccessStatusCode();
                var content = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                return new MediaInput(null, content, Path.GetFileName(url.AbsolutePath), response.Content.Headers.ContentType?.MediaType);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ctx.Ct.IsCancellationRequested)
            {
                throw BotApiException.BadRequest("failed to get HTTP URL content");
            }
        }

        lock (ctx.World.Gate)
        {
            var file = ctx.World.Files.Find(value) ?? throw BotApiException.BadRequest("wrong file identifier/HTTP URL specified");
            return new MediaInput(file, null, null, null);
        }
    }
}
