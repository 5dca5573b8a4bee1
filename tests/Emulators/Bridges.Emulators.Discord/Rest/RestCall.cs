using System.Text.Json;
using Bridges.Emulators.Discord.Validation;
using Bridges.Emulators.Discord.World;
using Microsoft.AspNetCore.Http;

namespace Bridges.Emulators.Discord.Rest;

/// <summary>One authenticated request, matched to its operation.</summary>
internal sealed record RestCall(SpecOperation Operation, JsonElement? Body, IQueryCollection Query, EmulatedUser? Bot)
{
    public string this[string parameter] => Operation.Parameters[parameter];

    /// <summary>The <c>files[n]</c> parts of a multipart request; empty for JSON.</summary>
    public IReadOnlyList<UploadedFile> Files { get; init; } = [];

    public string? Text(string property) => Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
