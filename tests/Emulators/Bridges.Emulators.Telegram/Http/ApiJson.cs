using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bridges.Emulators.Telegram.Http;

/// <summary>How the emulator writes JSON: compact, with non-ASCII text as UTF-8 like Telegram rather than \u escapes.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
