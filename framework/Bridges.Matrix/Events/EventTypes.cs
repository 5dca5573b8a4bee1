namespace Bridges.Matrix.Events;

/// <summary>Event type names from the spec, plus the bridge-info types of MSC2346.</summary>
public static class EventTypes
{
    public const string Message = "m.room.message";
    public const string Reaction = "m.reaction";
    public const string Redaction = "m.room.redaction";
    public const string Member = "m.room.member";
    public const string Name = "m.room.name";
    public const string Topic = "m.room.topic";
    public const string Avatar = "m.room.avatar";
    public const string PowerLevels = "m.room.power_levels";
    public const string JoinRules = "m.room.join_rules";
    public const string Create = "m.room.create";
    public const string CanonicalAlias = "m.room.canonical_alias";
    public const string HistoryVisibility = "m.room.history_visibility";
    public const string Encryption = "m.room.encryption";
    public const string Sticker = "m.sticker";
    public const string SpaceChild = "m.space.child";
    public const string SpaceParent = "m.space.parent";
    public const string Typing = "m.typing";
    public const string Receipt = "m.receipt";
    public const string Presence = "m.presence";
    public const string Bridge = "m.bridge";
    public const string HalfShotBridge = "uk.half-shot.bridge";
    public const string BeeperMessageSendStatus = "com.beeper.message_send_status";
}
