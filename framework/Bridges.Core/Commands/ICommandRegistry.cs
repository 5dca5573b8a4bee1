namespace Bridges.Core.Commands;

/// <summary>Where plugins add commands; help is generated from what is registered.</summary>
public interface ICommandRegistry
{
    /// <summary>Adds a command (its name and aliases must be new).</summary>
    void Add(BridgeCommand command);
}
