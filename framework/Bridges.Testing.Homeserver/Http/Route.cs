namespace Bridges.Testing.Homeserver.Http;

/// <summary>A handler for one method and path template (same template syntax as the spec).</summary>
internal sealed class Route(string method, string template, RouteAuth auth, Func<RequestContext, CancellationToken, Task<MatrixResult>> handler, bool rawBody)
{
    private readonly string[] _segments = template.Split('/');

    public string Method { get; } = method;

    public string Template { get; } = template;

    public RouteAuth Auth { get; } = auth;

    public Func<RequestContext, CancellationToken, Task<MatrixResult>> Handler { get; } = handler;

    /// <summary>The body is not JSON (media upload) and is passed through as bytes.</summary>
    public bool RawBody { get; } = rawBody;

    public int LiteralCount => _segments.Count(s => !IsParameter(s));

    public Dictionary<string, string>? Match(IReadOnlyList<string> segments)
    {
        if (segments.Count != _segments.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _segments.Length; i++)
        {
            if (IsParameter(_segments[i]))
            {
                values[_segments[i][1..^1]] = segments[i];
            }
            else if (!string.Equals(_segments[i], segments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return values;
    }

    private static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';
}
