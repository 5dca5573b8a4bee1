using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Methods;

/// <summary>getChat, members, administrators, profile photos, and the optional setChatTitle / setChatPhoto.</summary>
internal static class ChatMethods
{
    public static void Register(MethodTable table)
    {
        table.Add("getChat", GetChat);
        table.Add("getChatMember", GetChatMember);
        table.Add("getChatAdministrators", GetChatAdministrators);
        table.Add("getChatMemberCount", GetChatMemberCount);
        table.Add("getUserProfilePhotos", GetUserProfilePhotos);
        table.Add("setChatTitle", SetChatTitle);
        table.Add("setChatPhoto", SetChatPhoto);
    }

    private static JsonNode GetChat(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            return ctx.Chat().ToFullInfo(ctx.World.Spec);
        }
    }

    private static JsonNode GetChatMember(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            var chat = ctx.Chat();
            var user = ctx.World.Users.GetValueOrDefault(ctx.Long("user_id")!.Value)
                       ?? throw BotApiException.BadRequest("user not found");
            var member = chat.IsPrivate
                ? new MemberState(user.Id, chat.IsPresent(user.Id) ? "member" : "left")
                : chat.Member(user.Id) ?? new MemberState(user.Id, "left");
            return member.ToJson(user, ctx.World.Spec);
        }
    }

    private static JsonNode GetChatAdministrators(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            var chat = ctx.Chat();
            if (chat.IsPrivate)
            {
                throw BotApiException.BadRequest("there are no administrators in the private chat");
            }

            return new JsonArray([.. chat.Members.Values.Where(m => m.IsAdmin)
                .Select(m => m.ToJson(ctx.World.User(m.UserId), ctx.World.Spec))]);
        }
    }

    private static JsonNode GetChatMemberCount(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            var chat = ctx.Chat();
            return chat.IsPrivate ? 2 : chat.Members.Values.Count(m => m.IsPresent);
        }
    }

    private static JsonNode GetUserProfilePhotos(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            var user = ctx.World.Users.GetValueOrDefault(ctx.Long("user_id")!.Value)
                       ?? throw BotApiException.BadRequest("user not found");
            var offset = Math.Max(0, ctx.Int("offset") ?? 0);
            var limit = Math.Clamp(ctx.Int("limit") ?? 100, 1, 100);
            return new JsonObject
            {
                ["total_count"] = user.ProfilePhotos.Count,
                ["photos"] = new JsonArray([.. user.ProfilePhotos.Skip(offset).Take(limit).Select(p => p.DeepClone())]),
            };
        }
    }

    private static JsonNode SetChatTitle(MethodContext ctx)
    {
        var title = ctx.String("title")!.Trim();
        if (title.Length == 0)
        {
            throw BotApiException.BadRequest("chat title is empty");
        }

        if (title.Length > 128)
        {
            throw BotApiException.BadRequest("chat title is too long");
        }

        lock (ctx.World.Gate)
        {
            var chat = RequireGroupAdmin(ctx, "change chat title");
            chat.Title = title;
            ctx.World.PostMessage(chat, ctx.Bot.User, null, null, json => json["new_chat_title"] = title);
            ctx.World.Record(new BotChangedChat(ctx.Bot.User.Username!, chat.Id, ctx.World.NowOffset, ctx.Method, title));
            return true;
        }
    }

    private static JsonNode SetChatPhoto(MethodContext ctx)
    {
        var upload = ctx.Upload(ctx.String("photo")!) ?? throw BotApiException.BadRequest("photo must be uploaded as a file");
        var content = upload.Content.ToArray();
        var image = ImageInfo.Read(content) ?? throw BotApiException.BadRequest("IMAGE_PROCESS_FAILED");
        lock (ctx.World.Gate)
        {
            var chat = RequireGroupAdmin(ctx, "change chat photo");
            chat.Photo = ctx.World.Files.AddPhoto("chat_photo", content, image.Width, image.Height, "jpg");
            ctx.World.PostMessage(chat, ctx.Bot.User, null, null, json => json["new_chat_photo"] = chat.Photo.DeepClone());
            ctx.World.Record(new BotChangedChat(ctx.Bot.User.Username!, chat.Id, ctx.World.NowOffset, ctx.Method, null));
            return true;
        }
    }

    private static ChatState RequireGroupAdmin(MethodContext ctx, string what)
    {
        var chat = ctx.Chat();
        if (chat.IsPrivate)
        {
            throw BotApiException.BadRequest("chat is not a group or a supergroup");
        }

        if (!ctx.IsAdmin(chat))
        {
            throw BotApiException.BadRequest($"not enough rights to {what}");
        }

        return chat;
    }
}
