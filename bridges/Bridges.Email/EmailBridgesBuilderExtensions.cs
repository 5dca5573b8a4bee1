using Bridges.Core.Plugins;

namespace Bridges.Email;

/// <summary>Adds the email bridge to a bridges host.</summary>
public static class EmailBridgesBuilderExtensions
{
    /// <summary>Adds the email bridge, configured by section <c>bridges:email</c> (<see cref="EmailOptions"/>).</summary>
    public static IBridgesBuilder AddEmail(this IBridgesBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddNetwork(EmailNetwork.Plugin);
    }
}
