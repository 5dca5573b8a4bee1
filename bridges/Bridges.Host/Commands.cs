using Bridges.Core.Plugins;
using Bridges.Hosting;
using Bridges.Hosting.Configuration;
using Bridges.Hosting.Runtime;
using Bridges.Core.Storage;
using Bridges.Matrix.Registration;
using Bridges.Storage;
using Bridges.Storage.Database;
using Bridges.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Bridges.Testing.Homeserver;
using AppServiceRegistration = Bridges.Matrix.Registration.AppServiceRegistration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Bridges.Echo;
using Bridges.Irc;
using Bridges.Telegram;
using Bridges.Discord;

namespace Bridges.Host;

/// <summary>What the CLI verbs do.</summary>
internal static class Commands
{
    public static async Task<int> RunAsync(string configPath, string? only, bool demo, CancellationToken ct, int demoHomeserverPort = 8008)
    {
        // Keys and types here; values are checked by the host at start, which knows which bridges -b leaves out.
        if (File.Exists(configPath) && await CheckConfigAsync(configPath, values: false, ct).ConfigureAwait(false) != 0)
        {
            return 1;
        }

        var overrides = new Dictionary<string, string?>();
        var configuration = Load(configPath, overrides);
        var plugins = KnownPlugins.All.Where(p => only is null || p.Name == only).ToList();
        foreach (var other in KnownPlugins.All.Except(plugins))
        {
            overrides[$"bridges:{other.Name}:enabled"] = "false";
        }

        var homeserver = configuration.GetSection(HomeserverOptions.SectionName).Get<HomeserverOptions>() ?? new HomeserverOptions();
        TestHomeserver? demoServer = null;
        Dictionary<string, AppServiceRegistration> registrations = [];
        if (demo || string.IsNullOrWhiteSpace(homeserver.Url))
        {
            (demoServer, registrations) = await StartDemoHomeserverAsync(configuration, plugins, overrides, demoHomeserverPort, ct).ConfigureAwait(false);
        }

        try
        {
            // Not the default builder: the YAML file and BRIDGES__ variables are the whole configuration (the defaults
            // would also read appsettings.json, every environment variable and these very arguments). Spelt out because
            // this namespace, Bridges.Host, hides the generic Host.
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "bridges" });
            AddSources(builder.Configuration, configPath, overrides);
            BridgesLogging.Configure(builder.Logging, builder.Configuration);
            var bridges = builder.Services.AddBridges(builder.Configuration).AddEcho().AddIrc().AddTelegram().AddDiscord();
            foreach (var (network, registration) in registrations)
            {
                bridges.UseRegistration(network, registration);
            }

            using var host = builder.Build();
            try
            {
                await host.StartAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (OptionFailures(e) is { } failures)
            {
                foreach (var failure in failures)
                {
                    await Console.Error.WriteLineAsync($"{configPath}: {failure}").ConfigureAwait(false);
                }

                return 1;
            }

            var app = host.Services.GetRequiredService<BridgesHostedService>().Application;
            Console.WriteLine($"Bridges host listening on {app.ListenUrl} with {string.Join(", ", app.Bridges.Select(b => b.Network))}.");
            if (demoServer is not null)
            {
                PrintDemoHelp(demoServer, app);
            }

            await host.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            if (demoServer is not null)
            {
                await demoServer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public static async Task<int> MigrateAsync(string configPath, CancellationToken ct)
    {
        var configuration = Load(configPath, []);
        using var loggers = BridgesLogging.Create(configuration);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        await using var db = BridgesDatabase.Create(storage);
        var sources = new List<IMigrationSource> { StorageMigrations.Framework };
        sources.AddRange(KnownPlugins.All.Select(p => p.Migrations).OfType<IMigrationSource>());
        var applied = await new MigrationRunner(db, loggers.CreateLogger<MigrationRunner>()).ApplyAsync(sources, ct).ConfigureAwait(false);
        Console.WriteLine($"Applied {applied} migration(s) to the {storage.Backend} database.");
        return 0;
    }

    public static async Task<int> CheckConfigAsync(string configPath, bool values, CancellationToken ct)
    {
        if (!File.Exists(configPath))
        {
            await Console.Error.WriteLineAsync($"{configPath}: no such file").ConfigureAwait(false);
            return 2;
        }

        IReadOnlyList<object> errors = ConfigValidator.Validate(await File.ReadAllTextAsync(configPath, ct).ConfigureAwait(false), KnownPlugins.All);
        if (errors.Count == 0 && values)
        {
            // Values of the right type can still be wrong (a port out of range): the validators the host runs at start.
            errors = BridgesOptionsValidation.Validate(Load(configPath, []), KnownPlugins.All);
        }

        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync($"{configPath}: {error}").ConfigureAwait(false);
        }

        if (errors.Count == 0)
        {
            Console.WriteLine($"{configPath}: OK");
        }

        return errors.Count == 0 ? 0 : 1;
    }

    public static async Task<int> GenerateRegistrationAsync(string configPath, string bridge, string output, string[] extraUserRegexes, CancellationToken ct)
    {
        var configuration = Load(configPath, []);
        var homeserver = configuration.GetSection(HomeserverOptions.SectionName).Get<HomeserverOptions>() ?? new HomeserverOptions();
        var listener = configuration.GetSection(ListenerOptions.SectionName).Get<ListenerOptions>() ?? new ListenerOptions();
        var instance = configuration.GetSection("bridges").GetSection(bridge).Get<BridgeInstanceOptions>() ?? new BridgeInstanceOptions();
        var url = (listener.PublicUrl ?? $"http://{listener.Address}:{listener.Port}").TrimEnd('/') + (instance.PathPrefix ?? string.Empty);
        var registration = RegistrationFactory.Create(bridge, homeserver.ServerName, url, instance, extraUserRegexes);
        await RegistrationYaml.SaveAsync(registration, output, ct).ConfigureAwait(false);
        Console.WriteLine($"Wrote {output}: give it to your homeserver (app_service_config_files in Synapse) and set bridges.{bridge}.registration to it.");
        return 0;
    }

    private static IConfiguration Load(string path, Dictionary<string, string?> overrides) => AddSources(new ConfigurationBuilder(), path, overrides).Build();

    private static IConfigurationBuilder AddSources(IConfigurationBuilder builder, string path, Dictionary<string, string?> overrides) => builder
        .AddYamlFile(Path.GetFullPath(path), optional: true)
        .AddEnvironmentVariables("BRIDGES__")
        .AddInMemoryCollection(overrides);

    private static IReadOnlyList<string>? OptionFailures(Exception e) => e switch
    {
        OptionsValidationException v => [.. v.Failures],
        AggregateException a when a.InnerExceptions.All(i => i is OptionsValidationException) => [.. a.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures)],
        _ => null,
    };

    private static async Task<(TestHomeserver, Dictionary<string, AppServiceRegistration>)> StartDemoHomeserverAsync(IConfiguration configuration,
        IReadOnlyList<NetworkPlugin> plugins, Dictionary<string, string?> overrides, int port, CancellationToken ct)
    {
        var listener = configuration.GetSection(ListenerOptions.SectionName).Get<ListenerOptions>() ?? new ListenerOptions();
        var options = new TestHomeserverOptions { Port = port, ServerName = "localhost", FailOnSpecViolation = false };
        var registrations = new Dictionary<string, AppServiceRegistration>();
        var bridges = configuration.GetSection("bridges");
        foreach (var plugin in plugins)
        {
            // Bridges the config does not mention run only when they need no account or token.
            if (!bridges.GetSection(plugin.Name).Exists())
            {
                if (!plugin.RunsWithoutConfig)
                {
                    continue;
                }

                overrides[$"bridges:{plugin.Name}:enabled"] = "true";
                overrides[$"bridges:{plugin.Name}:pathprefix"] = "/" + plugin.Name;
            }

            var instance = bridges.GetSection(plugin.Name).Get<BridgeInstanceOptions>() ?? new BridgeInstanceOptions();
            instance.PathPrefix ??= overrides.GetValueOrDefault($"bridges:{plugin.Name}:pathprefix");
            var registration = RegistrationFactory.Create(plugin.Name, "localhost", $"http://{listener.Address}:{listener.Port}{instance.PathPrefix}", instance);
            if (instance.Registration is { } path)
            {
                // Written so tools (and tests) can talk to the demo as the homeserver would; fresh tokens each run.
                await RegistrationYaml.SaveAsync(registration, path, ct).ConfigureAwait(false);
            }

            registrations[plugin.Name] = registration;
            options.AppServices.Add(AppServiceRegistrationFile.Parse(RegistrationYaml.Serialize(registration)));
        }

        var server = await TestHomeserver.StartAsync(options, ct).ConfigureAwait(false);
        overrides["homeserver:url"] = server.BaseUrl.ToString();
        overrides["homeserver:servername"] = "localhost";
        return (server, registrations);
    }

    private static void PrintDemoHelp(TestHomeserver server, BridgesApplication app)
    {
        Console.WriteLine();
        Console.WriteLine($"Demo homeserver: {server.BaseUrl} (server name {server.ServerName}; in memory, gone when you stop).");
        Console.WriteLine("Connect a Matrix client (e.g. Element) to that URL, register any user with a password, then:");
        foreach (var bridge in app.Bridges)
        {
            if (KnownPlugins.All.FirstOrDefault(p => p.Name == bridge.Network)?.DemoChat is { } chat)
            {
                Console.WriteLine($"  - {bridge.Network}: join #{bridge.Bridge.AliasLocalpartFor(new Core.Network.Ids.PortalId(chat))}:{server.ServerName} to open a portal,");
                Console.WriteLine($"    or start a chat with @{bridge.Registration.SenderLocalpart}:{server.ServerName} and type 'help';");
            }
            else
            {
                Console.WriteLine($"  - {bridge.Network}: start a chat with @{bridge.Registration.SenderLocalpart}:{server.ServerName} and type 'help' (configure it to reach a real network);");
            }
        }

        Console.WriteLine("Stop with Ctrl+C.");
    }
}
