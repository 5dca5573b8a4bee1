using Bridges.Core.Bridge;
using Bridges.Core.Plugins;
using Bridges.Email.Bridge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bridges.Email;

/// <summary>The email bridge: mail threads to Matrix rooms (IMAP IDLE in, SMTP out), per user or per shared mailbox.</summary>
public static class EmailNetwork
{
    /// <summary>The plugin, under config section <c>bridges:email</c> (options: <see cref="EmailOptions"/>).</summary>
    public static NetworkPlugin Plugin { get; } = new("email",
        (section, loggers) => new EmailConnector(section.Get<EmailOptions>() ?? new EmailOptions(), loggers,
            (section.Get<BridgeOptions>() ?? new BridgeOptions()).MaxMediaBytes),
        OptionsType: typeof(EmailOptions), RunsWithoutConfig: false, Configure: Configure);

    private static void Configure(IBridgesBuilder builder)
    {
        builder.AddNetworkOptions<EmailOptions>("email");
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());
    }
}
