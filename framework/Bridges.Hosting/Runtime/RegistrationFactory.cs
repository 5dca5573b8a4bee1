using Bridges.Matrix.Registration;

namespace Bridges.Hosting.Runtime;

/// <summary>Builds the default registration of a bridge: bot, exclusive ghost and alias namespaces, fresh tokens.</summary>
public static class RegistrationFactory
{
    /// <summary>A registration for <paramref name="network"/> on <paramref name="serverName"/>, reached at <paramref name="url"/>.</summary>
    public static AppServiceRegistration Create(string network, string serverName, string url, BridgeInstanceOptions options, IEnumerable<string>? extraUserRegexes = null)
    {
        var server = System.Text.RegularExpressions.Regex.Escape(serverName);
        var namespaces = new RegistrationNamespaces
        {
            Users = [new RegistrationNamespace { Exclusive = true, Regex = $"@{network}_.*:{server}" }],
            Aliases = [new RegistrationNamespace { Exclusive = true, Regex = $"#{network}_.*:{server}" }],
        };
        foreach (var regex in extraUserRegexes ?? [])
        {
            // Non-exclusive: real users the bridge may act for (double puppeting, test users).
            namespaces.Users.Add(new RegistrationNamespace { Exclusive = false, Regex = regex });
        }

        var registration = RegistrationTokens.Create(options.AppServiceId ?? "bridges-" + network, url, options.BotLocalpart ?? network + "bot", namespaces);
        registration.Protocols.Add(network);
        return registration;
    }
}
