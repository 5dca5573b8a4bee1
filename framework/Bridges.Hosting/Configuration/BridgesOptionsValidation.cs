using Bridges.Core.Plugins;
using Bridges.Hosting.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Bridges.Hosting.Configuration;

/// <summary>Runs the validators the host runs at start, for <c>check-config</c>.</summary>
public static class BridgesOptionsValidation
{
    /// <summary>Every option failure of <paramref name="configuration"/> for a host with <paramref name="plugins"/>, each naming its key.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration, IReadOnlyList<NetworkPlugin> plugins)
    {
        try
        {
            BridgesSettings.Compose(configuration, plugins);
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return [.. e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures)];
        }
    }
}
