using System.Reflection;
using Bridges.Matrix.AppService;

namespace Bridges.Matrix.Tests;

/// <summary>Bridges.Matrix is the protocol only: the inbox, its store and the dispatcher belong to Bridges.Core.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Matrix = typeof(AppServiceApi).Assembly;

    [Fact]
    public void Matrix_assembly_has_no_store_inbox_or_dispatcher_type()
    {
        var offending = Matrix.GetTypes()
            .Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false))
            .Select(t => t.Name)
            .Where(n => n.EndsWith("Store", StringComparison.Ordinal) || n.EndsWith("Dispatcher", StringComparison.Ordinal)
                || n.Contains("Inbox", StringComparison.Ordinal) || n.EndsWith("DispatcherOptions", StringComparison.Ordinal))
            .ToList();

        Assert.True(offending.Count == 0, "Bridges.Matrix holds " + string.Join(", ", offending));
    }

    [Fact]
    public void Matrix_assembly_references_no_other_bridges_assembly()
    {
        var references = Matrix.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Bridges.", StringComparison.Ordinal)).ToList();

        Assert.Empty(references);
    }
}
