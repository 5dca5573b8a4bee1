using Bridges.Matrix.Client;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Bridges.Matrix.Registration;
using Bridges.Matrix.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Matrix.Tests.Client;

/// <summary>Intents against a scripted responder that counts requests per path: registration and joins are cached.</summary>
public sealed class IntentTests
{
    private const string Register = "/_matrix/client/v3/register";
    private const string JoinRoom = "/_matrix/client/v3/join/!room:example.org";
    private const string Invite = "/_matrix/client/v3/rooms/!room:example.org/invite";
    private static readonly RoomId Room = RoomId.Parse("!room:example.org");
    private static readonly UserId Ghost = UserId.Parse("@ghost_alice:example.org");
    private static readonly UserId Bot = UserId.Parse("@bridgebot:example.org");

    internal static AppServiceIntents CreateIntents(ScriptedHomeserver hs, TimeProvider? time = null)
    {
        var registration = new AppServiceRegistration
        {
            Id = "test",
            AsToken = "as-token",
            HsToken = "hs-token",
            SenderLocalpart = "bridgebot",
            Namespaces = new RegistrationNamespaces { Users = [new RegistrationNamespace { Exclusive = true, Regex = "@ghost_.*:example\\.org" }] },
        };
        return new AppServiceIntents(registration, "example.org", token => hs.CreateClient(new MatrixClientOptions(), time, token), NullLoggerFactory.Instance);
    }

    /// <summary>Answers register, join, invite and send like a homeserver that accepts everything.</summary>
    private static Task AcceptAll(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value!;
        if (path.StartsWith("/_matrix/client/v3/join/", StringComparison.Ordinal))
        {
            return ScriptedHomeserver.JsonAsync(ctx, 200, """{"room_id":"!room:example.org"}""");
        }

        if (path.Contains("/send/", StringComparison.Ordinal))
        {
            return ScriptedHomeserver.JsonAsync(ctx, 200, $$"""{"event_id":"$e{{Guid.NewGuid():N}}"}""");
        }

        return path == Register
            ? ScriptedHomeserver.JsonAsync(ctx, 200, """{"user_id":"@ghost_alice:example.org"}""")
            : ScriptedHomeserver.JsonAsync(ctx, 200, "{}");
    }

    [Fact]
    public async Task Two_sends_as_one_ghost_make_one_register_and_one_join()
    {
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) => AcceptAll(ctx));
        var intents = CreateIntents(hs);

        var ghost = intents.Get(Ghost);
        var first = await ghost.SendMessageAsync(Room, MessageContent.Text("one"), null, CancellationToken.None);
        var second = await intents.Get(Ghost).SendMessageAsync(Room, MessageContent.Text("two"), null, CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Same(ghost, intents.Get(Ghost));
        Assert.Equal(1, hs.Count("POST", Register));
        Assert.Equal(1, hs.Count("POST", JoinRoom));
        Assert.Equal(2, hs.Requests.Count(r => r.Method == "PUT" && r.Path.Contains("/send/m.room.message/", StringComparison.Ordinal)));
        Assert.Contains("\"username\":\"ghost_alice\"", hs.To("POST", Register).Single().Body, StringComparison.Ordinal);
        Assert.Contains("m.login.application_service", hs.To("POST", Register).Single().Body, StringComparison.Ordinal);
        // Every call as the ghost asserts its identity; registration is made by the appservice itself.
        Assert.Equal(Ghost.Value, hs.To("POST", JoinRoom).Single().UserId);
        Assert.All(hs.Requests.Where(r => r.Path.Contains("/send/", StringComparison.Ordinal)), r => Assert.Equal(Ghost.Value, r.UserId));
    }

    [Fact]
    public async Task Concurrent_sends_as_a_new_ghost_register_it_once()
    {
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) => AcceptAll(ctx));
        var intents = CreateIntents(hs);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => intents.Get(Ghost).SendMessageAsync(Room, MessageContent.Text($"m{i}"), null, CancellationToken.None)));

        Assert.Equal(1, hs.Count("POST", Register));
        Assert.Equal(10, hs.Requests.Count(r => r.Path.Contains("/send/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task User_in_use_on_register_counts_as_success()
    {
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) => ctx.Request.Path.Value == Register
            ? ScriptedHomeserver.ErrorAsync(ctx, 400, MatrixErrorCodes.UserInUse, "User ID already taken.")
            : AcceptAll(ctx));
        var intents = CreateIntents(hs);

        await intents.Get(Ghost).SendMessageAsync(Room, MessageContent.Text("one"), null, CancellationToken.None);
        await intents.Get(Ghost).SendMessageAsync(Room, MessageContent.Text("two"), null, CancellationToken.None);

        Assert.Equal(1, hs.Count("POST", Register));
        Assert.Equal(1, hs.Count("POST", JoinRoom));
    }

    [Fact]
    public async Task Other_register_errors_propagate_and_are_not_cached_as_success()
    {
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, n) => ctx.Request.Path.Value == Register && n == 1
            ? ScriptedHomeserver.ErrorAsync(ctx, 400, MatrixErrorCodes.Exclusive, "User ID is in an exclusive namespace.")
            : AcceptAll(ctx));
        var intents = CreateIntents(hs);

        var e = await Assert.ThrowsAsync<MatrixException>(() => intents.Get(Ghost).SendMessageAsync(Room, MessageContent.Text("one"), null, CancellationToken.None));
        Assert.Equal(MatrixErrorCodes.Exclusive, e.Errcode);
        Assert.Equal(0, hs.Count("POST", JoinRoom));

        await intents.Get(Ghost).SendMessageAsync(Room, MessageContent.Text("two"), null, CancellationToken.None);
        Assert.Equal(2, hs.Count("POST", Register));
    }

    [Fact]
    public async Task Join_refused_with_forbidden_makes_the_bot_invite_and_the_ghost_join_again()
    {
        // The room is invite-only: the ghost's join is refused until someone has invited it.
        var invited = false;
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) =>
        {
            var path = ctx.Request.Path.Value;
            if (path == Invite)
            {
                invited = true;
                return ScriptedHomeserver.JsonAsync(ctx, 200, "{}");
            }

            return path == JoinRoom && ctx.Request.Query["user_id"] == Ghost.Value && !invited
                ? ScriptedHomeserver.ErrorAsync(ctx, 403, MatrixErrorCodes.Forbidden, "You are not invited to this room.")
                : AcceptAll(ctx);
        });
        var intents = CreateIntents(hs);

        await intents.Get(Ghost).SendMessageAsync(Room, MessageContent.Text("after invite"), null, CancellationToken.None);

        var joins = hs.To("POST", JoinRoom);
        Assert.Equal([Ghost.Value, Bot.Value, Ghost.Value], joins.Select(j => j.UserId).ToArray());
        var invite = hs.To("POST", Invite).Single();
        Assert.Equal(Bot.Value, invite.UserId);
        Assert.Contains($"\"user_id\":\"{Ghost.Value}\"", invite.Body, StringComparison.Ordinal);
        Assert.Single(hs.Requests, r => r.Path.Contains("/send/", StringComparison.Ordinal));

        // Both memberships are cached now.
        await intents.Get(Ghost).SendMessageAsync(Room, MessageContent.Text("again"), null, CancellationToken.None);
        Assert.Equal(3, hs.Count("POST", JoinRoom));
    }

    [Fact]
    public async Task Observed_leave_makes_the_next_send_join_again()
    {
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) => AcceptAll(ctx));
        var intents = CreateIntents(hs);
        await intents.Get(Ghost).SendMessageAsync(Room, MessageContent.Text("one"), null, CancellationToken.None);

        intents.ObserveMembership(new MatrixEvent
        {
            Type = EventTypes.Member,
            RoomId = Room,
            EventId = EventId.Parse("$leave"),
            Sender = Ghost,
            StateKey = Ghost.Value,
            Content = System.Text.Json.JsonDocument.Parse("""{"membership":"leave"}""").RootElement.Clone(),
        });
        await intents.Get(Ghost).SendMessageAsync(Room, MessageContent.Text("two"), null, CancellationToken.None);

        Assert.Equal(2, hs.Count("POST", JoinRoom));
        Assert.Equal(1, hs.Count("POST", Register));
    }

    [Fact]
    public void Users_outside_the_namespace_get_no_intent()
    {
        var intents = new AppServiceIntents(
            new AppServiceRegistration { Id = "t", AsToken = "a", HsToken = "h", SenderLocalpart = "bridgebot", Namespaces = new RegistrationNamespaces { Users = [new RegistrationNamespace { Regex = "@ghost_.*:example\\.org" }] } },
            "example.org", token => new MatrixClient(new HttpClient(), new Uri("http://127.0.0.1:1/"), token, new MatrixClientOptions(), TimeProvider.System, NullLogger<MatrixClient>.Instance),
            NullLoggerFactory.Instance);

        Assert.Throws<ArgumentException>(() => intents.Get(UserId.Parse("@alice:example.org")));
        Assert.Same(intents.Bot, intents.Get(Bot));
        Assert.True(intents.Bot.IsBot);
    }
}
