using System.Net;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.Http;
using Bridges.Emulators.Telegram.Methods;
using Bridges.Emulators.Telegram.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bridges.Emulators.Telegram;

/// <summary>
/// A Telegram Bot API server over real HTTP (Kestrel on 127.0.0.1) with a simulated world of users, chats and
/// bots. Point a client (e.g. <c>Telegram.Bot</c> with <c>baseUrl: emulator.BaseUrl</c>) at it. Every request is
/// validated against the Bot API description (<see cref="BotApiSpec"/>) and every object returned is checked too;
/// breaches are answered like Telegram and collected in <see cref="Violations"/>. Tests drive the world through
/// the user-side methods (<see cref="SendText"/>, <see cref="React"/>, <see cref="AddBotToChat"/>, …) and observe
/// the bot through <see cref="BotActions"/> and the <c>WaitFor…</c> methods.
/// </summary>
public sealed partial class TelegramBotApiEmulator : IAsyncDisposable
{
    private readonly WorldState _world;
    private readonly ViolationRecorder _violations;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly WebhookDispatcher _webhooks;
    private WebApplication? _app;
    private Uri? _baseUrl;

    /// <summary>Creates an emulator; call <see cref="StartAsync"/> before pointing clients at it.</summary>
    public TelegramBotApiEmulator(TelegramEmulatorOptions? options = null)
    {
        _world = new WorldState(options ?? new TelegramEmulatorOptions(), BotApiSpec.Load());
        _violations = new ViolationRecorder(_world);
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _webhooks = new WebhookDispatcher(_world, _http, _violations, _stopping.Token);
    }

    /// <summary>The spec every request and answer is checked against.</summary>
    public BotApiSpec Spec => _world.Spec;

    /// <summary>Where clients reach the API, e.g. <c>http://127.0.0.1:43117/</c> (methods are under <c>bot{token}/</c>).</summary>
    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("the emulator is not started");

    /// <summary>Spec violations so far: bad requests, calls of unimplemented methods and invalid emulator output.</summary>
    public IReadOnlyList<SpecViolation> Violations
    {
        get
        {
            lock (_world.Gate)
            {
                return [.. _world.Violations];
            }
        }
    }

    /// <summary>Every API call answered so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_world.Gate)
            {
                return [.. _world.Requests];
            }
        }
    }

    /// <summary>Starts listening on 127.0.0.1.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("the emulator is already started");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, _world.Options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = _world.Options.MaxUploadBytes + (1024 * 1024);
        });
        var app = builder.Build();
        var table = new MethodTable();
        new UpdateMethods(_webhooks, _stopping.Token).Register(table);
        MessageMethods.Register(table);
        MediaMethods.Register(table);
        ChatMethods.Register(table);
        var dispatcher = new RequestDispatcher(_world, table, _violations, _http);
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(ct);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Stops the server and every webhook delivery.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        await _webhooks.WhenStoppedAsync();
        _http.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Throws listing every violation recorded so far, if any.</summary>
    public void AssertNoViolations()
    {
        var violations = Violations;
        if (violations.Count > 0)
        {
            throw new InvalidOperationException(
                $"{violations.Count} Bot API spec violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
        }
    }

    /// <summary>Forgets the recorded violations (after a test asserted on deliberate ones).</summary>
    public void ClearViolations()
    {
        lock (_world.Gate)
        {
            _world.Violations.Clear();
        }
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> calls of <paramref name="method"/> (any bot) fail with 429 Too Many
    /// Requests and <c>parameters.retry_after</c> = <paramref name="retryAfterSeconds"/>, as Telegram's flood control.
    /// </summary>
    public void InjectRateLimit(string method, int retryAfterSeconds, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(retryAfterSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var canonical = _world.Spec.FindMethod(method)?.Name ?? throw new ArgumentException($"unknown method {method}", nameof(method));
        lock (_world.Gate)
        {
            _world.RateLimits[canonical] = (retryAfterSeconds, count);
        }
    }

    /// <summary>
    /// Makes calls of <paramref name="method"/> (any bot) fail transiently: after <paramref name="succeedFirst"/> more
    /// calls went through, the next <paramref name="count"/> are answered with <paramref name="status"/> (500 Internal
    /// Server Error, 502 Bad Gateway, or 429 with retry_after 1) before reaching the method, so nothing is sent.
    /// </summary>
    public void InjectFailure(string method, int succeedFirst, int status = 500, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(succeedFirst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (status is not (429 or 500 or 502))
        {
            throw new ArgumentOutOfRangeException(nameof(status), "transient failures are 429, 500 or 502");
        }

        var canonical = _world.Spec.FindMethod(method)?.Name ?? throw new ArgumentException($"unknown method {method}", nameof(method));
        lock (_world.Gate)
        {
            _world.Failures[canonical] = (succeedFirst, status, count);
        }
    }

    /// <summary>
    /// BotFather's /setprivacy for <paramref name="bot"/>. New bots have it on (unless
    /// <see cref="TelegramEmulatorOptions.PrivacyModeByDefault"/> is false); getMe reports it as
    /// can_read_all_group_messages.
    /// </summary>
    public void SetPrivacyMode(EmulatedBot bot, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(bot);
        lock (_world.Gate)
        {
            _world.BotsById[bot.Id].PrivacyMode = enabled;
        }
    }

    /// <summary>Registers a bot (username must end in "bot") and returns its token and id.</summary>
    public EmulatedBot CreateBot(string name, string username)
    {
        lock (_world.Gate)
        {
            var bot = _world.AddBot(name, username);
            return new EmulatedBot(name, username, bot.Token, bot.User.Id);
        }
    }

    /// <summary>The updates queued for <paramref name="bot"/> and not yet confirmed (by offset or webhook 2xx).</summary>
    public IReadOnlyList<JsonObject> PendingUpdates(EmulatedBot bot)
    {
        ArgumentNullException.ThrowIfNull(bot);
        lock (_world.Gate)
        {
            return [.. _world.BotsById[bot.Id].Updates.Select(u => (JsonObject)u.DeepClone())];
        }
    }
}
