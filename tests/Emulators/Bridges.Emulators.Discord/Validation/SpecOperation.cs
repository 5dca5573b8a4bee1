using System.Text.Json.Nodes;

namespace Bridges.Emulators.Discord.Validation;

/// <summary>One operation of the description, matched to a request.</summary>
/// <param name="Id">The <c>operationId</c>, e.g. <c>create_message</c>.</param>
/// <param name="Name">Method and path template, for messages.</param>
/// <param name="Operation">The operation object.</param>
/// <param name="Parameters">Path parameters of the request, decoded.</param>
public sealed record SpecOperation(string Id, string Name, JsonObject Operation, IReadOnlyDictionary<string, string> Parameters);
