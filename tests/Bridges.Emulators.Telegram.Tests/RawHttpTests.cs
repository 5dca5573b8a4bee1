using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;

namespace Bridges.Emulators.Telegram.Tests;

/// <summary>Requests Telegram.Bot would never build: the emulator must answer them like Telegram and record them.</summary>
public sealed class RawHttpTests : IAsyncLifetime
{
    private TelegramBotApiEmulator _emulator = null!;
    private EmulatedBot _bot = null!;
    private EmulatedChat _chat = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        // Raw requests do not wait out 429s as clients do; flood control has tests of its own (FidelityTests).
        _emulator = await TestSupport.StartAsync(new TelegramEmulatorOptions { FloodLimits = null });
        _bot = _emulator.CreateBot("Relay", "relay_bot");
        _chat = _emulator.StartPrivateChat(_bot, _emulator.AddUser("Alice"));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Unknown_parameter_is_a_400_and_a_recorded_violation()
    {
        var (status, body) = await PostJsonAsync("sendMessage", new { chat_id = _chat.Id, text = "hi", colour = "red" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(400, body.GetProperty("error_code").GetInt32());
        Assert.StartsWith("Bad Request: colour: unknown parameter", body.GetProperty("description").GetString());
        var violation = Assert.Single(_emulator.Violations);
        Assert.Equal(SpecViolationKind.Request, violation.Kind);
        Assert.Equal("sendMessage", violation.Method);
        Assert.Empty(_emulator.SentMessages);
    }

    [Fact]
    public async Task Mistyped_chat_id_is_a_400_and_a_recorded_violation()
    {
        var (status, body) = await PostJsonAsync("sendMessage", new { chat_id = true, text = "hi" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Bad Request: chat_id: expected Integer or String, got true", body.GetProperty("description").GetString());
        Assert.Contains("chat_id: expected Integer or String, got true", Assert.Single(_emulator.Violations).Errors);
    }

    [Fact]
    public async Task Mistyped_nested_field_is_reported_with_its_path()
    {
        var (status, _) = await PostJsonAsync("sendMessage",
            new { chat_id = _chat.Id, text = "hi", reply_parameters = new { message_id = "one" } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("reply_parameters.message_id: expected Integer, got \"one\"", Assert.Single(_emulator.Violations).Errors);
    }

    [Fact]
    public async Task Telegram_Bot_pipeline_gets_400_for_unknown_and_mistyped_parameters()
    {
        var client = TestSupport.Client(_emulator, _bot);

        var unknown = await Assert.ThrowsAsync<ApiRequestException>(() =>
            client.SendRequest(new SendMessageWithUnknownParameter { ChatId = _chat.Id, Text = "hi", Colour = "red" }));
        var mistyped = await Assert.ThrowsAsync<ApiRequestException>(() =>
            client.SendRequest(new SendMessageWithBooleanChatId { ChatId = true, Text = "hi" }));

        Assert.Equal(400, unknown.ErrorCode);
        Assert.Equal("Bad Request: colour: unknown parameter of sendMessage", unknown.Message);
        Assert.Equal(400, mistyped.ErrorCode);
        Assert.Equal("Bad Request: chat_id: expected Integer or String, got true", mistyped.Message);
        Assert.Equal(2, _emulator.Violations.Count(v => v.Kind == SpecViolationKind.Request));
        Assert.Empty(_emulator.SentMessages);
    }

    [Fact]
    public async Task Telegram_refusals_that_are_not_spec_breaches_are_not_violations()
    {
        var client = TestSupport.Client(_emulator, _bot);
        // An empty text is valid for the spec's types but Telegram refuses it; a bogus chat_id string is "chat not found".
        var empty = await Assert.ThrowsAsync<ApiRequestException>(() => client.SendRequest(new SendMessageRequest { ChatId = _chat.Id, Text = " " }));
        var unknown = await Assert.ThrowsAsync<ApiRequestException>(() => client.SendRequest(new SendMessageRequest { ChatId = "@nobody", Text = "x" }));

        Assert.Equal("Bad Request: message text is empty", empty.Message);
        Assert.Equal("Bad Request: chat not found", unknown.Message);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Missing_required_parameter_is_reported()
    {
        var (status, _) = await PostJsonAsync("sendMessage", new { chat_id = _chat.Id });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("text: required parameter is missing", Assert.Single(_emulator.Violations).Errors);
    }

    [Fact]
    public async Task Form_encoded_values_are_coerced_like_Telegram_does()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["chat_id"] = _chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["text"] = "bold move",
            ["entities"] = """[{"type":"bold","offset":0,"length":4}]""",
            ["disable_notification"] = "true",
        });
        var response = await _http.PostAsync(Url("sendmessage"), form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entity = Assert.Single(body.GetProperty("result").GetProperty("entities").EnumerateArray());
        Assert.Equal("bold", entity.GetProperty("type").GetString());
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Form_encoded_value_that_does_not_parse_is_rejected()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["chat_id"] = _chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["message_id"] = "seven",
        });
        var response = await _http.PostAsync(Url("deleteMessage"), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("message_id: expected Integer, got \"seven\"", Assert.Single(_emulator.Violations).Errors);
    }

    [Fact]
    public async Task Get_with_query_string_and_any_method_casing_works()
    {
        var response = await _http.GetAsync(Url("GETME"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("relay_bot", body.GetProperty("result").GetProperty("username").GetString());
        var chat = await _http.GetFromJsonAsync<JsonElement>(Url($"getChat?chat_id={_chat.Id}"));
        Assert.Equal("private", chat.GetProperty("result").GetProperty("type").GetString());
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Unknown_token_is_401_and_unknown_method_is_404()
    {
        var unauthorized = await _http.GetAsync(new Uri($"{_emulator.BaseUrl}bot123:nope/getMe"));
        var notFound = await _http.GetAsync(Url("sendTelepathy"));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("""{"ok":false,"error_code":401,"description":"Unauthorized"}""", await unauthorized.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("""{"ok":false,"error_code":404,"description":"Not Found"}""", await notFound.Content.ReadAsStringAsync());
        Assert.Equal("sendTelepathy", Assert.Single(_emulator.Violations).Method);
    }

    [Fact]
    public async Task Telegram_Bot_sees_401_for_a_wrong_token()
    {
        var client = new TelegramBotClient(new TelegramBotClientOptions("123456:wrong", baseUrl: _emulator.BaseUrl.ToString()));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => client.GetMe());

        Assert.Equal(401, error.ErrorCode);
        Assert.False(await client.TestApi());
    }

    // Concatenated, not combined: "bot123:abc" alone would parse as a URI scheme.
    [Fact]
    public async Task Legacy_reply_to_message_id_still_works()
    {
        var (_, first) = await PostJsonAsync("sendMessage", new { chat_id = _chat.Id, text = "first" });
        var firstId = first.GetProperty("result").GetProperty("message_id").GetInt32();

        var (status, reply) = await PostJsonAsync("sendMessage", new { chat_id = _chat.Id, text = "reply", reply_to_message_id = firstId });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(firstId, reply.GetProperty("result").GetProperty("reply_to_message").GetProperty("message_id").GetInt32());
        _emulator.AssertNoViolations();
    }

    private Uri Url(string method) => new($"{_emulator.BaseUrl}bot{_bot.Token}/{method}");

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(string method, object body)
    {
        var response = await _http.PostAsJsonAsync(Url(method), body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
