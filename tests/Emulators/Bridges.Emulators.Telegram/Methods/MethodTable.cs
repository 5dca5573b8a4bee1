using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.Methods;

/// <summary>The implemented methods by canonical name.</summary>
internal sealed class MethodTable
{
    private readonly Dictionary<string, Func<MethodContext, Task<JsonNode>>> _handlers = new(StringComparer.Ordinal);

    public void Add(string method, Func<MethodContext, Task<JsonNode>> handler) => _handlers[method] = handler;

    public void Add(string method, Func<MethodContext, JsonNode> handler) =>
        _handlers[method] = ctx => Task.FromResult(handler(ctx));

    public Func<MethodContext, Task<JsonNode>>? Find(string method) => _handlers.GetValueOrDefault(method);

    public IReadOnlyCollection<string> Names => _handlers.Keys;
}
