using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Bridges.Irc.Bridge;

/// <summary>
/// Checks <see cref="IrcOptions"/> beyond types (which <c>check-config</c> covers), at start and in <c>check-config</c>;
/// each error names its key.
/// </summary>
internal sealed partial class IrcOptionsValidator : IValidateOptions<IrcOptions>
{
    public ValidateOptionsResult Validate(string? name, IrcOptions options)
    {
        if (name != IrcNetwork.Plugin.Name)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Validate(IrcOptions options)
    {
        var errors = new List<string>();
        foreach (var (id, network) in options.Networks)
        {
            var path = $"bridges.irc.networks.{id}";
            if (!NetworkId().IsMatch(id))
            {
                errors.Add($"{path}: the network id may hold only lower-case letters, digits, '-' and '.'");
            }

            if (string.IsNullOrWhiteSpace(network.Host))
            {
                errors.Add($"{path}.host: required");
            }

            if (network.Port is < 1 or > 65535)
            {
                errors.Add($"{path}.port: must be 1-65535");
            }

            if (network.TlsVerify is not ("system" or "accept_any") && !File.Exists(network.TlsVerify))
            {
                errors.Add($"{path}.tls_verify: 'system', 'accept_any' or an existing CA file");
            }

            if (!network.NickTemplate.Contains("{localpart}", StringComparison.Ordinal))
            {
                errors.Add($"{path}.nick_template: must contain {{localpart}}");
            }

            if (network.NickMaxLength < 4)
            {
                errors.Add($"{path}.nick_max_length: at least 4");
            }

            if (network.FloodBurst < 1 || network.FloodInterval < TimeSpan.Zero)
            {
                errors.Add($"{path}.flood_burst/flood_interval: burst at least 1, interval not negative");
            }

            if (network.InboxCapacity < 1)
            {
                errors.Add($"{path}.inbox_capacity: at least 1");
            }

            if (string.IsNullOrWhiteSpace(network.RelayNick) || network.RelayNick.AsSpan().IndexOfAny(" ,:\r\n\0") >= 0)
            {
                errors.Add($"{path}.relay_nick: a single IRC nick");
            }

            foreach (var channel in network.Channels.Where(c => c.Length < 2 || c.AsSpan().IndexOfAny(" ,\a\r\n\0") >= 0))
            {
                errors.Add($"{path}.channels: '{channel}' is not a channel name");
            }

            foreach (var mode in network.PowerLevels.Keys.Where(k => k.Length != 1))
            {
                errors.Add($"{path}.power_levels.{mode}: keys are single mode letters (o, v, ...)");
            }
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex NetworkId();
}
