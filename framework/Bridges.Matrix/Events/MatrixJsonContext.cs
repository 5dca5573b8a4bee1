using System.Text.Json;
using System.Text.Json.Serialization;
using Bridges.Matrix.Errors;

namespace Bridges.Matrix.Events;

/// <summary>Source-generated serialisation for the event model; absent values are left out, as the spec expects.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MatrixEvent))]
[JsonSerializable(typeof(List<MatrixEvent>))]
[JsonSerializable(typeof(MessageContent))]
[JsonSerializable(typeof(MemberContent))]
[JsonSerializable(typeof(NameContent))]
[JsonSerializable(typeof(TopicContent))]
[JsonSerializable(typeof(AvatarContent))]
[JsonSerializable(typeof(JoinRulesContent))]
[JsonSerializable(typeof(CanonicalAliasContent))]
[JsonSerializable(typeof(PowerLevelsContent))]
[JsonSerializable(typeof(CreateContent))]
[JsonSerializable(typeof(ReactionContent))]
[JsonSerializable(typeof(RedactionContent))]
[JsonSerializable(typeof(TypingContent))]
[JsonSerializable(typeof(BridgeInfoContent))]
[JsonSerializable(typeof(MatrixError))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(RelatesTo))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
public sealed partial class MatrixJsonContext : JsonSerializerContext;
