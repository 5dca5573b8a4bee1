using System.Text.Json;

namespace Bridges.Emulators.Telegram.Tests;

public sealed class BotApiSpecTests
{
    private static readonly BotApiSpec Spec = BotApiSpec.Load();

    [Fact]
    public void Loads_Bot_API_10_1_from_the_embedded_file()
    {
        Assert.Equal("Bot API 10.1", Spec.Version);
        Assert.Equal(180, Spec.Methods.Count);
        Assert.Equal(359, Spec.Types.Count);
        Assert.Same(Spec.Methods["sendMessage"], Spec.FindMethod("SENDmessage"));
    }

    [Fact]
    public void Reads_discriminators_and_enumerations_from_the_descriptions()
    {
        Assert.Equal(["private", "group", "supergroup", "channel"], Field("Chat", "type").AllowedValues);
        Assert.Equal(["creator"], Field("ChatMemberOwner", "status").AllowedValues);
        Assert.Equal(["chat"], Field("BotCommandScopeChat", "type").AllowedValues);
        Assert.Equal(["regular", "mask", "custom_emoji"], Field("Sticker", "type").AllowedValues);
        Assert.Equal(20, Field("MessageEntity", "type").AllowedValues!.Count);
        Assert.Contains("date_time", Field("MessageEntity", "type").AllowedValues!);
        Assert.Contains("👍", Field("ReactionTypeEmoji", "emoji").AllowedValues!);
        Assert.Null(Field("Message", "text").AllowedValues);
    }

    [Fact]
    public void Accepts_a_correct_call_with_nested_objects_and_unions()
    {
        var result = Spec.ValidateRequest("sendMessage", Json("""
            {"chat_id": "@channel", "text": "hi", "message_thread_id": 3,
             "entities": [{"type": "text_link", "offset": 0, "length": 2, "url": "https://example.org"}],
             "reply_parameters": {"message_id": 5, "allow_sending_without_reply": true},
             "reply_markup": {"inline_keyboard": [[{"text": "open", "url": "https://example.org"}]]}}
            """));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("sendMessage", result.Method!.Name);
        Assert.Equal(3, result.Values["message_thread_id"].GetInt32());
    }

    [Theory]
    [InlineData("""{"chat_id": 1, "text": "x", "colour": "red"}""", "colour: unknown parameter of sendMessage")]
    [InlineData("""{"chat_id": true, "text": "x"}""", "chat_id: expected Integer or String, got true")]
    [InlineData("""{"chat_id": 1.5, "text": "x"}""", "chat_id: expected Integer, got 1.5")]
    [InlineData("""{"chat_id": 1}""", "text: required parameter is missing")]
    [InlineData("""{"chat_id": 1, "text": "x", "entities": [{"type": "shouting", "offset": 0, "length": 1}]}""",
        "entities[0].type: \"shouting\" is not allowed (expected 20 listed values)")]
    [InlineData("""{"chat_id": 1, "text": "x", "entities": [{"type": "bold", "offset": 0}]}""",
        "entities[0].length: required field of MessageEntity is missing")]
    [InlineData("""{"chat_id": 1, "text": "x", "reply_parameters": {"message_id": 1, "quote_colour": 1}}""",
        "reply_parameters.quote_colour: ReplyParameters has no such field")]
    [InlineData("""{"chat_id": 1, "text": "x", "link_preview_options": {"is_disabled": null}}""",
        "link_preview_options.is_disabled: must not be null (omit the field instead)")]
    public void Rejects_bad_calls_with_a_precise_error(string body, string expected)
    {
        var result = Spec.ValidateRequest("sendMessage", Json(body));

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Errors);
    }

    [Fact]
    public void Unknown_method_is_an_error()
    {
        var result = Spec.ValidateRequest("sendTelepathy", Json("{}"));

        Assert.Null(result.Method);
        Assert.Equal(["unknown method \"sendTelepathy\""], result.Errors);
    }

    [Fact]
    public void Union_members_are_told_apart_by_their_discriminator()
    {
        var user = """{"id": 1, "is_bot": false, "first_name": "A"}""";

        Assert.Empty(Spec.ValidateObject("ChatMember", Json($$"""{"status": "creator", "user": {{user}}, "is_anonymous": false}""")));
        Assert.Empty(Spec.ValidateObject("ReactionType", Json("""{"type": "emoji", "emoji": "🔥"}""")));
        var admin = Spec.ValidateObject("ChatMember", Json($$"""{"status": "administrator", "user": {{user}}}"""));
        var unknown = Spec.ValidateObject("ChatMember", Json($$"""{"status": "owner", "user": {{user}}}"""));

        // Only the administrator member fits the status, so its missing rights are what is reported.
        Assert.Contains("ChatMember.can_be_edited: required field of ChatMemberAdministrator is missing", admin);
        Assert.DoesNotContain(admin, e => e.Contains("ChatMemberOwner", StringComparison.Ordinal));
        Assert.Contains(unknown, e => e.StartsWith("ChatMember: expected ChatMemberOwner or ChatMemberAdministrator", StringComparison.Ordinal));
    }

    [Fact]
    public void Emulator_output_is_checked_the_same_way()
    {
        var errors = Spec.ValidateObject("Message", Json("""{"message_id": 1, "date": 0, "text": 5, "from": {"id": 1, "first_name": "A"}}"""));

        Assert.Contains("Message.chat: required field of Message is missing", errors);
        Assert.Contains("Message.text: expected String, got 5", errors);
        Assert.Contains("Message.from.is_bot: required field of User is missing", errors);
    }

    [Fact]
    public void Form_values_are_coerced_to_the_declared_types()
    {
        var result = Spec.ValidateRequest("sendMessage", Text(new()
        {
            ["chat_id"] = "-1001234",
            ["text"] = "42",
            ["disable_notification"] = "true",
            ["entities"] = """[{"type":"bold","offset":0,"length":2}]""",
        }));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(JsonValueKind.Number, result.Values["chat_id"].ValueKind);
        Assert.Equal(JsonValueKind.String, result.Values["text"].ValueKind);
        Assert.Equal(JsonValueKind.True, result.Values["disable_notification"].ValueKind);
        Assert.Equal(JsonValueKind.Array, result.Values["entities"].ValueKind);
    }

    [Theory]
    [InlineData("message_id", "seven", "message_id: expected Integer, got \"seven\"")]
    [InlineData("chat_id", "", null)]
    public void Form_values_that_do_not_coerce_are_rejected(string name, string value, string? expected)
    {
        var result = Spec.ValidateRequest("deleteMessage", Text(new() { ["chat_id"] = "1", ["message_id"] = "1", [name] = value }));

        if (expected is null)
        {
            // An empty chat_id is still a String; Telegram answers "chat not found" later, not a type error.
            Assert.True(result.IsValid);
        }
        else
        {
            Assert.Contains(expected, result.Errors);
        }
    }

    [Fact]
    public void Uploads_must_go_to_InputFile_parameters_or_be_attached()
    {
        var file = BotApiParameter.FromUpload(new BotApiUpload("photo", "p.png", "image/png", new byte[] { 1 }));
        var ok = Spec.ValidateRequest("sendPhoto", new Dictionary<string, BotApiParameter> { ["chat_id"] = BotApiParameter.FromText("1"), ["photo"] = file });
        var wrongPlace = Spec.ValidateRequest("sendMessage", new Dictionary<string, BotApiParameter>
        {
            ["chat_id"] = BotApiParameter.FromText("1"),
            ["text"] = BotApiParameter.FromUpload(new BotApiUpload("text", "t.txt", null, new byte[] { 1 })),
        });
        var attached = Spec.ValidateRequest("sendMediaGroup", new Dictionary<string, BotApiParameter>
        {
            ["chat_id"] = BotApiParameter.FromText("1"),
            ["media"] = BotApiParameter.FromText("""[{"type":"photo","media":"attach://pic1"},{"type":"photo","media":"attach://pic2"}]"""),
            ["pic1"] = BotApiParameter.FromUpload(new BotApiUpload("pic1", "1.png", null, new byte[] { 1 })),
            ["pic2"] = BotApiParameter.FromUpload(new BotApiUpload("pic2", "2.png", null, new byte[] { 1 })),
            ["pic3"] = BotApiParameter.FromUpload(new BotApiUpload("pic3", "3.png", null, new byte[] { 1 })),
        });

        Assert.True(ok.IsValid, string.Join("; ", ok.Errors));
        Assert.Equal("attach://photo", ok.Values["photo"].GetString());
        Assert.Contains("text: a file was uploaded, but the parameter is String", wrongPlace.Errors);
        Assert.Equal(["pic3: unknown parameter of sendMediaGroup"], attached.Errors);
    }

    [Fact]
    public void Legacy_reply_parameters_are_accepted_where_their_replacement_exists()
    {
        var send = Spec.ValidateRequest("sendMessage", Json("""{"chat_id": 1, "text": "x", "reply_to_message_id": 4, "disable_web_page_preview": true}"""));
        var getMe = Spec.ValidateRequest("getMe", Json("""{"reply_to_message_id": 4}"""));

        Assert.True(send.IsValid, string.Join("; ", send.Errors));
        Assert.Equal(4, send.Values["reply_to_message_id"].GetInt32());
        Assert.Equal(["reply_to_message_id: unknown parameter of getMe"], getMe.Errors);
    }

    private static BotApiField Field(string type, string field) => Spec.Types[type].FindField(field)!;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static Dictionary<string, BotApiParameter> Text(Dictionary<string, string> values) =>
        values.ToDictionary(v => v.Key, v => BotApiParameter.FromText(v.Value));
}
