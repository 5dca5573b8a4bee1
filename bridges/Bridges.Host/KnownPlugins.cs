using Bridges.Core.Plugins;
using Bridges.Discord;
using Bridges.Echo;
using Bridges.Email;
using Bridges.Irc;
using Bridges.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bridges.Host;

/// <summary>
/// The network plugins this build of the host carries: <see cref="AddAll"/> is the one list, used by `run`, and
/// <see cref="All"/> is read from it for the commands that need the plugins themselves (check-config, migrate, the demo).
/// </summary>
internal static class KnownPlugins
{
    public static IReadOnlyList<NetworkPlugin> All { get; } = Collect();

    /// <summary>Adds every bundled network to a host.</summary>
    public static IBridgesBuilder AddAll(IBridgesBuilder bridges) => bridges.AddEcho().AddIrc().AddTelegram().AddDiscord().AddEmail();

    private static List<NetworkPlugin> Collect()
    {
        var recorder = new RecordingBuilder();
        AddAll(recorder);
        return recorder.Plugins;
    }

    /// <summary>A builder that only notes which plugins are added (their options go into a throwaway collection).</summary>
    private sealed class RecordingBuilder : IBridgesBuilder
    {
        public List<NetworkPlugin> Plugins { get; } = [];

        public IServiceCollection Services { get; } = new ServiceCollection();

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();

        public IBridgesBuilder AddNetwork(NetworkPlugin plugin)
        {
            Plugins.Add(plugin);
            return this;
        }

        public OptionsBuilder<TOptions> AddNetworkOptions<TOptions>(string network, string? subsection = null)
            where TOptions : class => Services.AddOptions<TOptions>();
    }
}
