namespace Bridges.Testing.Homeserver.Http;

/// <summary>How a route authenticates.</summary>
internal enum RouteAuth
{
    /// <summary>No access token is looked at.</summary>
    None,

    /// <summary>An access token is required (user token or appservice token, with identity assertion).</summary>
    Required,

    /// <summary>An access token is used when present (e.g. <c>/register</c>).</summary>
    Optional,
}
