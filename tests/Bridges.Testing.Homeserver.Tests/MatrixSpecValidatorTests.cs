using System.Text.Json;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class MatrixSpecValidatorTests
{
    private static readonly MatrixSpecValidator Validator = MatrixSpecValidator.Shared;

    public static TheoryData<string> EventExamples()
    {
        var data = new TheoryData<string>();
        foreach (var file in SpecExamples.EventExampleFiles())
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EventExamples))]
    public void Spec_example_events_are_valid(string file)
    {
        var result = Validator.ValidateEvent(SpecExamples.Load(file));
        Assert.True(result.IsValid, $"{file}: {result}");
    }

    [Fact]
    public void CreateRoom_with_numeric_preset_names_preset()
    {
        var result = Validator.ValidateRequest("POST", "/_matrix/client/v3/createRoom", Json("""{"preset": 5}"""));
        Assert.False(result.IsValid);
        Assert.Contains(result.Violations, v => v.InstancePath == "$.preset" && v.Rule == "type");
        Assert.Equal("createRoom", result.OperationId);
    }

    [Fact]
    public void CreateRoom_with_valid_body_passes()
    {
        var result = Validator.ValidateRequest("POST", "/_matrix/client/v3/createRoom",
            Json("""{"preset": "public_chat", "room_alias_name": "pub", "invite": ["@a:localhost"], "is_direct": false}"""));
        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void Message_without_msgtype_fails()
    {
        var result = Validator.ValidateEvent(Json("""
            {"type": "m.room.message", "event_id": "$a", "room_id": "!r:localhost", "sender": "@a:localhost",
             "origin_server_ts": 1, "content": {"body": "hi"}}
            """));
        Assert.False(result.IsValid);
        Assert.Contains(result.Violations, v => v.InstancePath == "$.content.msgtype" && v.Rule == "required");
    }

    [Fact]
    public void Message_picks_msgtype_schema()
    {
        var result = Validator.ValidateEvent(Json("""
            {"type": "m.room.message", "event_id": "$a", "room_id": "!r:localhost", "sender": "@a:localhost",
             "origin_server_ts": 1, "content": {"msgtype": "m.image", "body": "pic", "url": "mxc://a/b", "info": "big"}}
            """));
        Assert.False(result.IsValid);
        Assert.Contains(result.Violations, v => v.InstancePath == "$.content.info" && v.Rule == "type");
    }

    [Fact]
    public void Unknown_event_type_passes()
    {
        var result = Validator.ValidateEvent(Json("""{"type": "com.example.thing", "content": {}}"""));
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Unknown_path_fails()
    {
        var result = Validator.ValidateRequest("GET", "/_matrix/client/v3/does/not/exist", null);
        Assert.False(result.IsValid);
        Assert.True(result.IsUnknownEndpoint);
    }

    [Fact]
    public void Known_path_with_wrong_method_fails()
    {
        var result = Validator.ValidateRequest("DELETE", "/_matrix/client/v3/createRoom", null);
        Assert.True(result.IsMethodNotAllowed);
    }

    [Fact]
    public void Path_parameters_are_matched_and_checked()
    {
        Assert.True(Validator.ValidateRequest("PUT", "/_matrix/client/v3/rooms/%21abc%3Alocalhost/send/m.room.message/t1",
            Json("""{"msgtype": "m.text", "body": "x"}""")).IsValid);
        var bad = Validator.ValidateRequest("PUT", "/_matrix/client/v3/rooms/%23alias%3Alocalhost/send/m.room.message/t1",
            Json("""{"msgtype": "m.text", "body": "x"}"""));
        Assert.Contains(bad.Violations, v => v.InstancePath == "path parameter 'roomId'" && v.Rule == "pattern");
    }

    [Fact]
    public void State_path_with_empty_state_key_matches_with_and_without_slash()
    {
        Assert.True(Validator.ValidateRequest("PUT", "/_matrix/client/v3/rooms/!a:b/state/m.room.name/", Json("""{"name": "x"}""")).IsValid);
        Assert.True(Validator.ValidateRequest("PUT", "/_matrix/client/v3/rooms/!a:b/state/m.room.name", Json("""{"name": "x"}""")).IsValid);
    }

    [Fact]
    public void Query_parameters_are_checked()
    {
        Assert.True(Validator.ValidateRequest("GET", "/_matrix/client/v3/rooms/!a:b/messages?dir=b&limit=10", null).IsValid);
        var bad = Validator.ValidateRequest("GET", "/_matrix/client/v3/rooms/!a:b/messages?dir=x&limit=ten", null);
        Assert.Contains(bad.Violations, v => v.InstancePath == "query parameter 'dir'" && v.Rule == "enum");
        Assert.Contains(bad.Violations, v => v.InstancePath == "query parameter 'limit'" && v.Rule == "type");
    }

    [Fact]
    public void Missing_required_body_fails()
    {
        var result = Validator.ValidateRequest("POST", "/_matrix/client/v3/createRoom", null);
        Assert.Contains(result.Violations, v => v.Rule == "requestBody");
    }

    [Fact]
    public void Other_bases_resolve()
    {
        Assert.True(Validator.ValidateRequest("GET", "/_matrix/client/versions", null).IsValid);
        Assert.True(Validator.ValidateRequest("GET", "/_matrix/client/v1/media/config", null).IsValid);
        Assert.True(Validator.ValidateRequest("POST", "/_matrix/media/v3/upload", null).IsValid);
        Assert.True(Validator.ValidateRequest("PUT", "/_matrix/app/v1/transactions/1", Json("""{"events": []}""")).IsValid);
    }

    [Fact]
    public void Transaction_events_are_checked_across_files()
    {
        var result = Validator.ValidateRequest("PUT", "/_matrix/app/v1/transactions/1",
            Json("""{"events": [{"type": "m.room.message", "content": {}}]}"""));
        Assert.Contains(result.Violations, v => v.InstancePath == "$.events[0].event_id" && v.Rule == "required");
    }

    [Fact]
    public void Responses_are_checked()
    {
        Assert.True(Validator.ValidateResponse("GET", "/_matrix/client/v3/account/whoami", 200,
            Json("""{"user_id": "@a:localhost"}""")).IsValid);
        var bad = Validator.ValidateResponse("GET", "/_matrix/client/v3/account/whoami", 200, Json("""{"device_id": 3}"""));
        Assert.Contains(bad.Violations, v => v.InstancePath == "$.user_id" && v.Rule == "required");
        Assert.True(Validator.ValidateResponse("GET", "/_matrix/client/v3/account/whoami", 401,
            Json("""{"errcode": "M_UNKNOWN_TOKEN", "error": "x"}""")).IsValid);
    }

    [Fact]
    public void Registration_schema_can_be_used_directly()
    {
        var result = Validator.ValidateSchema("api/application-service/definitions/registration.yaml",
            Json("""{"id": "x", "url": null, "as_token": "a", "hs_token": "h", "sender_localpart": "bot", "namespaces": {"users": [{"regex": "@x_.*", "exclusive": "yes"}]}}"""));
        Assert.Contains(result.Violations, v => v.InstancePath == "$.namespaces.users[0].exclusive");
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
