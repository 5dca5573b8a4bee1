using System.Reflection;
using Bridges.Core.Bridge;

namespace Bridges.Core.Tests;

/// <summary>
/// NetworkBridge composes services and runs their lifecycle; nothing inside Bridges.Core calls back into it. Each
/// service and handler depends on the services it uses, so a handler's dependencies are its constructor's parameters.
/// </summary>
public sealed class HubSplitTests
{
    private static readonly Assembly Core = typeof(NetworkBridge).Assembly;

    // The provisioning API is the public HTTP edge of one bridge and takes the bridge's public surface.
    private static readonly HashSet<string> Edges = ["ProvisioningApi"];

    [Fact]
    public void No_type_of_the_core_holds_or_receives_the_bridge_except_its_public_edges()
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var offending = Core.GetTypes()
            .Where(t => t != typeof(NetworkBridge) && !Edges.Contains(t.Name) && !IsNestedIn(t, typeof(NetworkBridge)))
            .Where(t => t.GetFields(all).Any(f => f.FieldType == typeof(NetworkBridge))
                || t.GetConstructors(all).Concat<MethodBase>(t.GetMethods(all)).Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(NetworkBridge))))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(offending.Count == 0, "These types depend on the whole bridge instead of the services they use: " + string.Join(", ", offending));
    }

    [Fact]
    public void The_bridge_composes_and_runs_services_but_handles_no_event_itself()
    {
        // The composition root answers no event itself: the router, the sink and the queries do.
        var methods = typeof(NetworkBridge).GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && !m.Name.Contains('<', StringComparison.Ordinal)).Select(m => m.Name).ToList();

        Assert.DoesNotContain("HandleRoomEventAsync", methods);
        Assert.DoesNotContain("PushAsync", methods);
        Assert.DoesNotContain("QueryAliasAsync", methods);
        Assert.False(typeof(NetworkBridge).GetInterfaces().Any(i => i.Name is "IRemoteEventSink" or "IMatrixEventHandler" or "IAppServiceQueryHandler"),
            "NetworkBridge implements a handler interface itself");
        Assert.InRange(methods.Count, 1, 15);
    }

    private static bool IsNestedIn(Type t, Type outer)
    {
        for (var d = t.DeclaringType; d is not null; d = d.DeclaringType)
        {
            if (d == outer)
            {
                return true;
            }
        }

        return false;
    }
}
