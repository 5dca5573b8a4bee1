using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// Privacy mode (on by default for Telegram bots): in a group where the bot is not an administrator it only sees
/// commands, replies to it and mentions of it, so most of the group would silently not reach Matrix. Each such group's
/// portal is told once, in plain words, how to fix it.
/// </summary>
internal sealed partial class TelegramRelayClient
{
    public const string PrivacyNotice =
        "This Telegram bot has privacy mode on, so in this group it only sees commands, replies to it and mentions of it: "
        + "most messages will not be bridged. Disable it with @BotFather (/setprivacy, then remove and re-add the bot to the group), "
        + "or make the bot an administrator of the group.";

    /// <summary>
    /// The notice for a group's portal, the first time this connection sees the group while privacy mode hides its
    /// messages; null otherwise. Its id is fixed per chat, so the core's message map keeps it to one per portal.
    /// </summary>
    private async Task<RemoteMessage?> PrivacyNoticeAsync(Chat chat, PortalKey portal, DateTimeOffset at, CancellationToken ct)
    {
        if (!_privacyMode || chat.Type is not (ChatType.Group or ChatType.Supergroup) || !_privacyChecked.TryAdd(chat.Id, true))
        {
            return null;
        }

        try
        {
            var member = await _bot.GetChatMember(chat.Id, _bot.BotId, ct).ConfigureAwait(false);
            if (member.Status is ChatMemberStatus.Administrator or ChatMemberStatus.Creator)
            {
                // Administrators receive every message whatever the privacy setting.
                return null;
            }
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
        {
            Log.AdminCheckFailed(_logger, e, _bot.BotId, chat.Id);
        }

        var id = new RemoteMessageId($"{portal.Id.Value}/privacy-mode");
        return new RemoteMessage(portal, new EventSender(TelegramIds.User(_bot.BotId), Login: _login.Id), at, id,
            BridgedContent.FromText(PrivacyNotice, MessageKind.Notice));
    }
}
