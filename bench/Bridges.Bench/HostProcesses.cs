using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using Bridges.Matrix.Registration;

namespace Bridges.Bench;

/// <summary>
/// The test homeserver and the <c>bridges</c> host, each as its own process from their Release outputs, set up as
/// test.sh's real-homeserver mode does: <c>bridges generate-registration</c> (with the <c>e2e_</c> test users) writes
/// the registration the homeserver is started with and the host's config names. Disposing kills both.
/// </summary>
internal sealed class HostProcesses : IAsyncDisposable
{
    public const string ServerName = "localhost";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private ChildProcess? _homeserver;
    private ChildProcess? _host;

    private HostProcesses(DirectoryInfo directory)
    {
        Directory = directory;
        // Ctrl+C skips finally blocks: the children must not outlive the bench (the homeserver runs until signalled).
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => KillNow());
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillNow());
    }

    /// <summary>Config, registration, database and the two logs.</summary>
    public DirectoryInfo Directory { get; }

    public ChildProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public Uri HomeserverUrl { get; private set; } = null!;

    public AppServiceRegistration Registration { get; private set; } = null!;

    public string RelayNick { get; } = IrcBenchEnv.Unique("bhrelay");

    /// <summary>Keep the directory (logs, config, database) on dispose, e.g. when messages went missing.</summary>
    public bool KeepLogs { get; set; }

    /// <summary>The built <c>dll</c> of a launched project, from the bench's assembly metadata; null (with a note) when missing.</summary>
    public static string? OutputOf(string key)
    {
        var path = typeof(HostProcesses).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
        if (path is not null && File.Exists(Path.GetFullPath(path)))
        {
            return Path.GetFullPath(path);
        }

        Console.Error.WriteLine($"{key} not built at {path}: build with `dotnet build -c Release bench/Bridges.Bench`.");
        return null;
    }

    /// <summary>
    /// Starts both processes and waits until the host answers <c>/health/ready</c>; null (with notes on stderr, both
    /// killed, the directory kept for its logs) when something does not come up in time.
    /// </summary>
    public static async Task<HostProcesses?> StartAsync(string hostDll, string homeserverDll, CancellationToken ct)
    {
        var processes = new HostProcesses(System.IO.Directory.CreateTempSubdirectory("bridges-bench-host-"));
        try
        {
            if (await processes.StartCoreAsync(hostDll, homeserverDll, ct))
            {
                return processes;
            }
        }
        catch
        {
            await processes.DisposeAsync(keepDirectory: true);
            throw;
        }

        await processes.DisposeAsync(keepDirectory: true);
        return null;
    }

    public ValueTask DisposeAsync() => DisposeAsync(KeepLogs);

    public async ValueTask DisposeAsync(bool keepDirectory)
    {
        foreach (var child in new[] { _host, _homeserver })
        {
            if (child is not null)
            {
                await child.DisposeAsync();
            }
        }

        _sigint.Dispose();
        _sigterm.Dispose();
        if (keepDirectory)
        {
            await Console.Error.WriteLineAsync($"Host figures: logs kept in {Directory.FullName}.");
        }
        else
        {
            Directory.Delete(recursive: true);
        }
    }

    private async Task<bool> StartCoreAsync(string hostDll, string homeserverDll, CancellationToken ct)
    {
        var homeserverPort = FreePort();
        var bridgePort = FreePort();
        HomeserverUrl = new Uri($"http://127.0.0.1:{homeserverPort}/");
        var config = Path.Combine(Directory.FullName, "config.yaml");
        var registration = Path.Combine(Directory.FullName, "registration.yaml");
        await File.WriteAllTextAsync(config, Config(homeserverPort, bridgePort, registration), ct);

        await using (var generate = ChildProcess.Start("bridges generate-registration", hostDll,
            ["generate-registration", "-c", config, "-b", "irc", "-o", registration, "--extra-user-regex", $"@e2e_.*:{ServerName}"],
            Path.Combine(Directory.FullName, "generate-registration.log")))
        {
            if (await generate.WaitForExitAsync(StartTimeout, ct) != 0 || !File.Exists(registration))
            {
                await Console.Error.WriteLineAsync($"bridges generate-registration failed:{Environment.NewLine}{generate.Tail()}");
                return false;
            }
        }

        Registration = await RegistrationYaml.LoadAsync(registration, ct);
        _homeserver = ChildProcess.Start("test homeserver", homeserverDll,
            ["--port", homeserverPort.ToString(CultureInfo.InvariantCulture), "--server-name", ServerName, "--registration", registration],
            Path.Combine(Directory.FullName, "homeserver.log"));
        if (!await _homeserver.WaitForLineAsync("listening on", StartTimeout, ct))
        {
            return false;
        }

        _host = ChildProcess.Start("bridge host", hostDll, ["run", "-c", config], Path.Combine(Directory.FullName, "host.log"));
        return await WaitReadyAsync(_host, new Uri($"http://127.0.0.1:{bridgePort}/health/ready"), ct);
    }

    /// <summary>The host's config: the IRC bridge alone, one network on the loopback server, SQLite in the directory.</summary>
    private string Config(int homeserverPort, int bridgePort, string registration)
    {
        var (ircHost, ircPort) = IrcBenchEnv.Endpoint;
        var database = Path.Combine(Directory.FullName, "bridges.db");
        // Loose flood control, as in the other IRC figures (the 16667 port has no flood limits), so pacing does not
        // hide the bridge's own cost; everything else is the sample's default, logging included.
        return string.Create(CultureInfo.InvariantCulture, $"""
            homeserver:
              url: {HomeserverUrl}
              server_name: {ServerName}
            appservice:
              address: 127.0.0.1
              port: {bridgePort}
            metrics:
              port: 0
            storage:
              backend: sqlite
              connection_string: "{database}"
            bridges:
              irc:
                enabled: true
                registration: "{registration}"
                permissions:
                  admin: ["{ServerName}"]
                networks:
                  {IrcBenchEnv.Network}:
                    host: "{ircHost}"
                    port: {ircPort}
                    tls: false
                    relay_nick: {RelayNick}
                    nick_max_length: 30
                    flood_burst: 100
                    flood_interval: "00:00:00.001"
                    reconnect_max_delay: "00:00:02"
                    # The bench opens its own channels (all named #b...) by alias.
                    dynamic_channels:
                      enabled: true
                      allow: ["#b*"]

            """);
    }

    private static async Task<bool> WaitReadyAsync(ChildProcess host, Uri ready, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !host.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(ready, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !ct.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(200, ct);
        }

        await Console.Error.WriteLineAsync($"The bridge host was not ready within {StartTimeout.TotalSeconds:0} s{(host.HasExited ? " (it exited)" : string.Empty)}. Last output:{Environment.NewLine}{host.Tail()}");
        return false;
    }

    private void KillNow()
    {
        _host?.KillNow();
        _homeserver?.KillNow();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
