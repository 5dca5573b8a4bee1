using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Ids;
using Microsoft.AspNetCore.Http;

namespace Bridges.Core.Provisioning;

public sealed partial class ProvisioningApi
{
    /// <summary>
    /// <c>POST /rooms/{roomId}/backfill</c>, body optional <c>{"limit": n}</c> (default <c>initial_limit</c>, at most the
    /// larger of <c>initial_limit</c> and <c>catch_up_limit</c>): fetches the chat's newest <c>n</c> messages and sends
    /// those not bridged yet, oldest first. Answers with the counts once done.
    /// </summary>
    private async Task<IResult> BackfillAsync(HttpContext ctx, string roomIdText)
    {
        if (!RoomId.TryParse(roomIdText, out var room))
        {
            return MatrixErrorResults.Error(StatusCodes.Status400BadRequest, MatrixErrorCodes.InvalidParam, $"'{roomIdText}' is not a room id.");
        }

        var options = _bridge.Options.Backfill;
        var max = Math.Max(1, Math.Max(options.InitialLimit, options.CatchUpLimit));
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        var limit = options.InitialLimit;
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (JsonNode.Parse(text) is not JsonObject body)
            {
                return MatrixErrorResults.BadJson("The body, when given, is an object.");
            }

            if (body["limit"] is { } given)
            {
                if (given.GetValueKind() != JsonValueKind.Number || !given.AsValue().TryGetValue<int>(out limit) || limit < 1 || limit > max)
                {
                    return MatrixErrorResults.Error(StatusCodes.Status400BadRequest, MatrixErrorCodes.InvalidParam, $"limit must be a whole number from 1 to {max}.");
                }
            }
        }

        if (!options.Enabled)
        {
            return ProvisioningErrors.Of(ProvisioningErrors.BackfillUnavailable, "Backfill is disabled for this bridge.");
        }

        if (await _portals.GetByRoomAsync(room, ctx.RequestAborted).ConfigureAwait(false) is not { RoomId: not null } portal)
        {
            return ProvisioningErrors.Of(ProvisioningErrors.NotBridged, $"{room} is not bridged.");
        }

        if (await _bridge.Backfill.RequestAsync(portal, limit, ctx.RequestAborted).ConfigureAwait(false) is not { } result)
        {
            return ProvisioningErrors.Of(ProvisioningErrors.BackfillUnavailable, "No connected login can read this chat's history.");
        }

        return Json(new JsonObject
        {
            ["room_id"] = room.Value, ["portal_id"] = portal.Key.Id.Value,
            ["fetched"] = result.Fetched, ["bridged"] = result.Bridged, ["skipped"] = result.Skipped, ["failed"] = result.Failed,
        });
    }
}
