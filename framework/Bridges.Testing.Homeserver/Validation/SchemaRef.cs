using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Validation;

/// <summary>A node of a spec document, together with the document it lives in (the base for relative <c>$ref</c>s).</summary>
internal readonly record struct SchemaRef(string Document, JsonNode? Node);
