using System.Text.Json;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Http;

/// <summary>Records spec violations: bad requests from clients and (emulator bugs) invalid objects it produced.</summary>
internal sealed class ViolationRecorder(WorldState world)
{
    public void Record(SpecViolationKind kind, string method, BotState? bot, IReadOnlyList<string> errors)
    {
        lock (world.Gate)
        {
            world.Violations.Add(new SpecViolation(kind, method, bot?.User.Username, errors));
        }
    }

    /// <summary>Checks a value the emulator sends against the declared types and records what does not match.</summary>
    public void CheckResponse(string method, BotState? bot, IReadOnlyList<string> types, JsonElement value)
    {
        var errors = world.Spec.ValidateValue(types, value, method);
        if (errors.Count > 0)
        {
            Record(SpecViolationKind.Response, method, bot, errors);
        }
    }
}
