using Bridges.Core.Plugins;
using Bridges.Hosting.Runtime;
using Bridges.Matrix.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace Bridges.Hosting;

/// <summary>Host-side settings on the bridges builder.</summary>
public static class BridgesBuilderExtensions
{
    /// <summary>
    /// Uses <paramref name="registration"/> for <paramref name="network"/> instead of its registration file (the demo
    /// homeserver, tests). Without it the file named by <c>bridges.&lt;network&gt;.registration</c> is loaded, or
    /// generated with fresh tokens when missing.
    /// </summary>
    public static IBridgesBuilder UseRegistration(this IBridgesBuilder builder, string network, AppServiceRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new PresetRegistration(network, registration));
        return builder;
    }
}
