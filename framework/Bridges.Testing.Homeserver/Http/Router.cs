namespace Bridges.Testing.Homeserver.Http;

/// <summary>Finds the route for a method and (decoded) path; the most literal template wins.</summary>
internal sealed class Router
{
    private readonly List<Route> _routes = [];

    public void Add(string method, string template, RouteAuth auth,
        Func<RequestContext, CancellationToken, Task<MatrixResult>> handler, bool rawBody = false) =>
        _routes.Add(new Route(method, template, auth, handler, rawBody));

    public (Route? Route, Dictionary<string, string>? Values, bool PathKnown) Match(string method, IReadOnlyList<string> segments)
    {
        Route? best = null;
        Dictionary<string, string>? bestValues = null;
        var pathKnown = false;
        foreach (var route in _routes)
        {
            if (route.Match(segments) is not { } values)
            {
                continue;
            }

            pathKnown = true;
            if (route.Method == method && (best is null || route.LiteralCount > best.LiteralCount))
            {
                best = route;
                bestValues = values;
            }
        }

        return (best, bestValues, pathKnown);
    }
}
