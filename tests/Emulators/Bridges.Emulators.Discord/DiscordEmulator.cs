using Bridges.Emulators.Discord.Gateway;
using Bridges.Emulators.Discord.Rest;
using Bridges.Emulators.Discord.Validation;
using Bridges.Emulators.Discord.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bridges.Emulators.Discord;

/// <summary>
/// Discord over real HTTP and a real WebSocket on 127.0.0.1: REST v10 under <c>/api/v10</c>, checked against Discord's
/// OpenAPI description, and the Gateway at <c>/gateway</c>. Tests build a world (bots, users, guilds, channels), act
/// as Discord users (<see cref="Post"/>, <see cref="React"/>, …), inject faults, and observe what the bot did.
/// </summary>
public sealed partial class DiscordEmulator : IAsyncDisposable
{
    private readonly WorldState _world;
    private readonly OpenApiSpec _spec;
    private readonly GatewayServer _gateway;
    private readonly RateLimits _limits;
    private readonly RestApi _rest;
    private WebApplication? _app;
    private Uri? _baseUrl;

    public DiscordEmulator(DiscordEmulatorOptions? options = null)
    {
        options ??= new DiscordEmulatorOptions();
        _world = new WorldState(options.Time);
        _spec = OpenApiSpec.Load();
        _gateway = new GatewayServer(_world, options, () => BaseUrl);
        _limits = new RateLimits(options, _world);
        _rest = new RestApi(_world, _spec, _limits, _gateway, () => BaseUrl.ToString());
    }

    /// <summary>The server, e.g. <c>http://127.0.0.1:43117/</c>; the API is at <see cref="ApiBaseUrl"/>.</summary>
    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("the emulator is not started");

    /// <summary>The REST base without the version, as the bridge's <c>api_base_url</c> takes it.</summary>
    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    /// <summary>The spec requests and answers are checked against.</summary>
    public OpenApiSpec Spec => _spec;

    public async Task StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/api/v10/{**rest}", _rest.HandleAsync);
        app.Map("/api/{**rest}", context =>
        {
            // Only v10 is emulated; Discord answers other versions, but the bridge must not use them.
            lock (_world.Gate)
            {
                _world.Violations.Add(new SpecViolation(SpecViolationKind.Unsupported, context.Request.Path, "only /api/v10 is emulated"));
            }

            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        app.Map("/gateway", _gateway.HandleAsync);
        app.MapGet("/attachments/{channel}/{id}/{name}", ServeAttachment);
        app.MapGet("/avatars/{user}/{hash}.png", ServeAvatar);
        app.MapGet("/stickers/{file}", ServeSticker);
        app.MapGet("/emojis/{file}", ServeEmoji);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseUrl = new Uri(address.TrimEnd('/') + "/");
        _world.CdnBase = _baseUrl.ToString();
        _app = app;
    }

    private IResult ServeAttachment(string channel, string id, string name)
    {
        lock (_world.Gate)
        {
            var attachment = _world.Messages.Values.Where(m => m.ChannelId == channel).SelectMany(m => m.Attachments).FirstOrDefault(a => a.Id == id);
            return attachment is null ? Results.NotFound() : Results.Bytes(attachment.Data, attachment.ContentType ?? "application/octet-stream");
        }
    }

    /// <summary>A sticker's image at <c>{id}.{png|gif|json}</c>, only under its format's extension, as the CDN serves them.</summary>
    private IResult ServeSticker(string file)
    {
        lock (_world.Gate)
        {
            var sticker = _world.Messages.Values.SelectMany(m => m.Stickers).FirstOrDefault(s => file == $"{s.Id}.{s.Extension}");
            return sticker is null ? Results.NotFound()
                : Results.Bytes(sticker.Data, sticker.FormatType switch { EmulatedSticker.Gif => "image/gif", EmulatedSticker.Lottie => "application/json", _ => "image/png" });
        }
    }

    /// <summary>A custom emoji's image at <c>{id}.png</c>, or <c>{id}.gif</c> for an animated one.</summary>
    private IResult ServeEmoji(string file)
    {
        lock (_world.Gate)
        {
            var emoji = _world.Emojis.Values.FirstOrDefault(e => file == $"{e.Id}.png" || (e.Animated && file == $"{e.Id}.gif"));
            _world.Requests.Add($"GET /emojis/{file} → {(emoji is null ? 404 : 200)}");
            return emoji is null ? Results.NotFound() : Results.Bytes(emoji.Data, emoji.Animated ? "image/gif" : "image/png");
        }
    }

    private IResult ServeAvatar(string user, string hash)
    {
        lock (_world.Gate)
        {
            return _world.Users.TryGetValue(user, out var u) && u.Avatar == hash && _avatars.TryGetValue(user, out var png)
                ? Results.Bytes(png, "image/png") : Results.NotFound();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            lock (_world.Gate)
            {
                // Open WebSockets would hold the server's shutdown until its timeout.
                _gateway.Faults.CloseAll(1001);
            }

            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
