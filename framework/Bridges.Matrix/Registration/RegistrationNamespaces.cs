namespace Bridges.Matrix.Registration;

/// <summary>The three namespace lists of a registration.</summary>
public sealed class RegistrationNamespaces
{
    /// <summary>User id patterns.</summary>
    public List<RegistrationNamespace> Users { get; set; } = [];

    /// <summary>Room alias patterns.</summary>
    public List<RegistrationNamespace> Aliases { get; set; } = [];

    /// <summary>Room id patterns.</summary>
    public List<RegistrationNamespace> Rooms { get; set; } = [];
}
