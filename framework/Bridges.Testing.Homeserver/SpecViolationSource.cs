namespace Bridges.Testing.Homeserver;

/// <summary>What broke the spec.</summary>
public enum SpecViolationSource
{
    /// <summary>A request a client or appservice sent to the homeserver (path, parameters or body).</summary>
    Request,

    /// <summary>An event a client asked the homeserver to create (its content breaks the event schema).</summary>
    Event,

    /// <summary>A response of the homeserver itself (a homeserver bug).</summary>
    Response,

    /// <summary>A transaction the homeserver pushed to an appservice (a homeserver bug).</summary>
    Transaction,
}
