using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Logic;

/// <summary>
/// Creates room events: builds them, checks them against the event schemas (a violation is recorded and the
/// request refused), then appends them to the room, its state, the stream and the appservice queues.
/// Callers hold the homeserver lock and have done the authorization checks.
/// </summary>
internal sealed class EventPublisher(HomeserverContext ctx)
{
    private const int MaxEventBytes = 65536;

    private static readonly JsonSerializerOptions CanonicalJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public StoredEvent Send(Room room, string type, string? stateKey, string sender, JsonObject content,
        string? redacts = null, Requester? requester = null, string? txnId = null, long? originServerTs = null)
    {
        var e = Build(room, type, stateKey, sender, content, redacts, requester, txnId, originServerTs);
        Validate(e);
        Commit(room, e);
        return e;
    }

    /// <summary>Builds an event dated now, or at <c>originServerTs</c> when an appservice dated it (<c>?ts=</c>).</summary>
    public StoredEvent Build(Room room, string type, string? stateKey, string sender, JsonObject content,
        string? redacts = null, Requester? requester = null, string? txnId = null, long? originServerTs = null)
    {
        var v11 = RoomVersion.V11Rules(room.Version);
        if (type == "m.room.redaction" && redacts is not null && v11)
        {
            content["redacts"] = redacts;
        }

        return new StoredEvent
        {
            EventId = Ids.EventId(room.Version, ctx.ServerName),
            RoomId = room.RoomId,
            Type = type,
            StateKey = stateKey,
            Sender = sender,
            OriginServerTs = originServerTs ?? ctx.NowMs,
            Content = content,
            Redacts = redacts,
            TopLevelRedacts = !v11,
            TransactionId = txnId,
            TransactionScope = txnId is null ? null : requester?.Scope,
        };
    }

    public void Validate(StoredEvent e)
    {
        var clientEvent = e.ToJson(includeRoomId: true, ctx.NowMs);
        clientEvent.Remove("unsigned");
        // Spec: an event must not exceed 64 KiB in its federation (PDU) form, as canonical JSON, which is what
        // Synapse measures: the client format is smaller by the PDU's own fields and larger where it escapes UTF-8.
        var pduBytes = PduSize(clientEvent);
        if (pduBytes > MaxEventBytes)
        {
            throw MatrixError.TooLarge($"Event is larger than {MaxEventBytes} bytes ({pduBytes} as a PDU)");
        }

        var json = JsonSerializer.SerializeToElement(clientEvent);
        var result = ctx.Validator.ValidateEvent(json);
        if (!result.IsValid)
        {
            ctx.Violations.Record(SpecViolationSource.Event, $"{e.Type} event in {e.RoomId}", result.Violations);
            throw MatrixError.BadJson($"{e.Type} event does not match the spec: {string.Join("; ", result.Violations)}");
        }
    }

    /// <summary>
    /// The size of the event as a federation PDU in canonical JSON (raw UTF-8, no whitespace), with the PDU fields
    /// a real server adds at their usual sizes: auth and prev events, depth, hashes, a signature, origin.
    /// </summary>
    private int PduSize(JsonObject clientEvent)
    {
        var pdu = (JsonObject)clientEvent.DeepClone();
        var eventId = pdu["event_id"]?.GetValue<string>() ?? "$" + new string('x', 43);
        if (eventId.StartsWith('$') && !eventId.Contains(':', StringComparison.Ordinal))
        {
            pdu.Remove("event_id");
        }

        pdu["auth_events"] = new JsonArray(Enumerable.Range(0, 4).Select(_ => (JsonNode)JsonValue.Create(eventId)!).ToArray());
        pdu["prev_events"] = new JsonArray(JsonValue.Create(eventId));
        pdu["depth"] = 1_000_000;
        pdu["hashes"] = new JsonObject { ["sha256"] = new string('h', 43) };
        pdu["signatures"] = new JsonObject { [ctx.ServerName] = new JsonObject { ["ed25519:a_AbCd"] = new string('s', 86) } };
        pdu["origin"] = ctx.ServerName;
        return JsonSerializer.SerializeToUtf8Bytes(pdu, CanonicalJson).Length;
    }

    public void Commit(Room room, StoredEvent e)
    {
        e.Position = ctx.Stream.Advance();
        if (e.StateKey is not null)
        {
            e.Replaces = room.StateEvent(e.Type, e.StateKey);
            room.State[(e.Type, e.StateKey)] = e;
            if (e.Type == "m.room.member")
            {
                if (!room.MemberHistory.TryGetValue(e.StateKey, out var history))
                {
                    room.MemberHistory[e.StateKey] = history = [];
                }

                history.Add(e);
                if (e.Membership != "join")
                {
                    room.TypingUntilMs.Remove(e.StateKey);
                }
            }
        }

        room.Timeline.Add(e);
        room.ById[e.EventId] = e;
        ctx.AppServices.OnEvent(room, e);
    }
}
