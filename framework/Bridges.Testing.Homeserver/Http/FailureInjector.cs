namespace Bridges.Testing.Homeserver.Http;

/// <summary>Test-only: answers the next matching requests with a chosen error.</summary>
internal sealed class FailureInjector
{
    private readonly Lock _lock = new();
    private readonly List<Rule> _rules = [];

    public void Add(Func<HttpRequestInfo, bool> match, int count, int status, string errcode, int? retryAfterMs)
    {
        lock (_lock)
        {
            _rules.Add(new Rule(match, status, errcode, retryAfterMs) { Remaining = count });
        }
    }

    public MatrixException? TryTake(HttpRequestInfo request)
    {
        lock (_lock)
        {
            foreach (var rule in _rules)
            {
                if (rule.Remaining > 0 && rule.Match(request))
                {
                    rule.Remaining--;
                    return rule.Status == 429
                        ? MatrixError.Create(429, rule.ErrCode, "Too many requests (injected)",
                            rule.RetryAfterMs is { } ms ? new System.Text.Json.Nodes.JsonObject { ["retry_after_ms"] = ms } : null)
                        : MatrixError.Create(rule.Status, rule.ErrCode, "Injected failure");
                }
            }

            _rules.RemoveAll(r => r.Remaining <= 0);
            return null;
        }
    }

    private sealed record Rule(Func<HttpRequestInfo, bool> Match, int Status, string ErrCode, int? RetryAfterMs)
    {
        public int Remaining { get; set; }
    }
}
