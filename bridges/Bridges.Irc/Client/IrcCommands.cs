using System.Collections.Frozen;
using System.Text;

namespace Bridges.Irc.Client;

/// <summary>
/// Command verbs and numerics the client uses, plus interning of the ones seen on every line, so parsing a
/// busy channel does not allocate a fresh "PRIVMSG" string per message.
/// </summary>
internal static class IrcCommands
{
    public const string Privmsg = "PRIVMSG";
    public const string Notice = "NOTICE";
    public const string TagMsg = "TAGMSG";
    public const string Join = "JOIN";
    public const string Part = "PART";
    public const string Quit = "QUIT";
    public const string Kick = "KICK";
    public const string Nick = "NICK";
    public const string Mode = "MODE";
    public const string Topic = "TOPIC";
    public const string Ping = "PING";
    public const string Pong = "PONG";
    public const string Error = "ERROR";
    public const string Cap = "CAP";
    public const string Authenticate = "AUTHENTICATE";
    public const string Batch = "BATCH";
    public const string Account = "ACCOUNT";
    public const string Away = "AWAY";
    public const string Chghost = "CHGHOST";
    public const string Setname = "SETNAME";
    public const string Invite = "INVITE";
    public const string Kill = "KILL";
    public const string Fail = "FAIL";
    public const string Warn = "WARN";
    public const string Note = "NOTE";
    public const string Ack = "ACK";
    public const string Redact = "REDACT";
    public const string ChatHistory = "CHATHISTORY";
    public const string RelayMsg = "RELAYMSG";
    public const string Whois = "WHOIS";
    public const string Names = "NAMES";

    public const string RplWelcome = "001";
    public const string RplISupport = "005";
    public const string RplUModeIs = "221";
    public const string RplAway = "301";
    public const string RplWhoisUser = "311";
    public const string RplWhoisServer = "312";
    public const string RplWhoisOperator = "313";
    public const string RplWhoisIdle = "317";
    public const string RplEndOfWhois = "318";
    public const string RplWhoisChannels = "319";
    public const string RplChannelModeIs = "324";
    public const string RplWhoisAccount = "330";
    public const string RplNoTopic = "331";
    public const string RplTopic = "332";
    public const string RplTopicWhoTime = "333";
    public const string RplWhoisActually = "338";
    public const string RplNamReply = "353";
    public const string RplEndOfNames = "366";
    public const string RplEndOfMotd = "376";
    public const string RplWhoisHost = "378";
    public const string RplVisibleHost = "396";
    public const string ErrNoSuchNick = "401";
    public const string ErrNoSuchServer = "402";
    public const string ErrNoSuchChannel = "403";
    public const string ErrCannotSendToChan = "404";
    public const string ErrTooManyChannels = "405";
    public const string ErrUnknownCommand = "421";
    public const string ErrNoMotd = "422";
    public const string ErrErroneusNickname = "432";
    public const string ErrNicknameInUse = "433";
    public const string ErrNickCollision = "436";
    public const string ErrUnavailResource = "437";
    public const string ErrNotOnChannel = "442";
    public const string ErrNotRegistered = "451";
    public const string ErrPasswdMismatch = "464";
    public const string ErrYoureBannedCreep = "465";
    public const string ErrChannelIsFull = "471";
    public const string ErrInviteOnlyChan = "473";
    public const string ErrBannedFromChan = "474";
    public const string ErrBadChannelKey = "475";
    public const string ErrNeedReggedNick = "477";
    public const string ErrChanOPrivsNeeded = "482";
    public const string RplWhoisSecure = "671";
    public const string RplLoggedIn = "900";
    public const string RplLoggedOut = "901";
    public const string ErrNickLocked = "902";
    public const string RplSaslSuccess = "903";
    public const string ErrSaslFail = "904";
    public const string ErrSaslTooLong = "905";
    public const string ErrSaslAborted = "906";
    public const string ErrSaslAlready = "907";
    public const string RplSaslMechs = "908";

    private static readonly FrozenDictionary<string, string> Known = new[]
    {
        Privmsg, Notice, TagMsg, Join, Part, Quit, Kick, Nick, Mode, Topic, Ping, Pong, Error, Cap, Authenticate,
        Batch, Account, Away, Chghost, Setname, Invite, Kill, Fail, Warn, Note, Ack, Redact, "WALLOPS",
        RplWelcome, "002", "003", "004", RplISupport, RplNamReply, RplEndOfNames, RplTopic, RplTopicWhoTime,
        "372", "375", RplEndOfMotd, "352", "315", "354",
    }.ToFrozenDictionary(s => s, s => s, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> KnownTags = new[]
    {
        "time", "msgid", "batch", "label", "account", "+typing", "+draft/reply", "+draft/react", "+draft/unreact",
        "draft/multiline-concat", "bot", "+draft/channel-context", "draft/relaymsg", "inspircd.org/echo",
    }.ToFrozenDictionary(s => s, s => s, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownLookup =
        Known.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownTagLookup =
        KnownTags.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns the command upper-cased (commands are case-insensitive), interned when well known.</summary>
    public static string InternUpper(ReadOnlySpan<byte> command)
    {
        if (command.Length > 32)
        {
            return IrcMessageParser.Decode(command).ToUpperInvariant();
        }

        Span<char> chars = stackalloc char[command.Length];
        for (var i = 0; i < command.Length; i++)
        {
            var b = command[i];
            chars[i] = b is >= (byte)'a' and <= (byte)'z' ? (char)(b - 32) : (char)b;
        }

        return KnownLookup.TryGetValue(chars, out var known) ? known : IrcMessageParser.Decode(command).ToUpperInvariant();
    }

    /// <summary>Returns a tag key, interned when well known (keys are case-sensitive: no case folding).</summary>
    public static string InternTagKey(ReadOnlySpan<byte> key)
    {
        if (key.Length <= 64)
        {
            Span<char> chars = stackalloc char[key.Length];
            var ascii = true;
            for (var i = 0; i < key.Length; i++)
            {
                ascii &= key[i] < 0x80;
                chars[i] = (char)key[i];
            }

            if (ascii && KnownTagLookup.TryGetValue(chars, out var known))
            {
                return known;
            }
        }

        return Encoding.UTF8.GetString(key);
    }
}
