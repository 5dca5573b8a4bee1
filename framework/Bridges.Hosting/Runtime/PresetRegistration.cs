using Bridges.Matrix.Registration;

namespace Bridges.Hosting.Runtime;

/// <summary>A registration given in code for a network (the demo, tests), used instead of its registration file.</summary>
internal sealed record PresetRegistration(string Network, AppServiceRegistration Registration);
