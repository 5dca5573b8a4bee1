using System.Net;
using System.Text.Json.Nodes;
using Bridges.Core.Inbox;
using Bridges.Core.Tests.Support;
using Bridges.Storage;
using Bridges.Storage.AppService;
using Bridges.Storage.Database;
using Bridges.Storage.Migrations;
using Bridges.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bridges.Core.Tests.Inbox;

/// <summary>
/// Transactions through real HTTP into the durable inbox and out to the handler: dedup across retries and
/// restarts, per-room order, ephemeral and to-device routing, and replay of what a crash left unfinished.
/// </summary>
public sealed class AppServiceDispatchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DatabasePath => _dir.File("bridge.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Transaction_put_twice_is_handled_once()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        var body = Txn.Body(Txn.Message("!r:example.org", "$a", "one"), Txn.Message("!r:example.org", "$b", "two"));

        using var first = await host.PutTransactionAsync("txn-1", body);
        using var second = await host.PutTransactionAsync("txn-1", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        // A later event in the same room is handled after any replay of the earlier ones would have been.
        using var marker = await host.PutTransactionAsync("txn-2", Txn.Body(Txn.Message("!r:example.org", "$marker", "after")));
        await TestWait.UntilAsync(() => host.Handler.CountOf("$marker") == 1, "the marker event is handled");
        Assert.Equal(["$a", "$b", "$marker"], host.Handler.EventIdsIn("!r:example.org"));
    }

    [Fact]
    public async Task Transaction_ids_are_pruned_while_running_not_only_at_start()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await InboxTestHost.StartAsync(DatabasePath, dispatcherTime: clock);
        var body = Txn.Body(Txn.Message("!r:example.org", "$old", "long ago"));
        using (var first = await host.PutTransactionAsync("txn-old", body))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await TestWait.UntilAsync(() => host.Handler.CountOf("$old") == 1, "$old is handled");

        // Eight days on, with the host still running: the retention (7 days) is over, so the hourly prune forgets the
        // txn id, and the homeserver reusing it (as after its own restart) is a new transaction.
        clock.Advance(TimeSpan.FromDays(8));
        var deadline = DateTime.UtcNow + TestWait.DefaultTimeout;
        while (host.Handler.CountOf("$old") < 2 && DateTime.UtcNow < deadline)
        {
            using var again = await host.PutTransactionAsync("txn-old", body);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            await Task.Yield();
        }

        Assert.Equal(2, host.Handler.CountOf("$old"));
    }

    [Fact]
    public async Task Concurrent_puts_of_one_transaction_are_handled_once()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        var body = Txn.Body(Txn.Message("!r:example.org", "$c", "concurrent"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.PutTransactionAsync("same", body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        using var marker = await host.PutTransactionAsync("after", Txn.Body(Txn.Message("!r:example.org", "$marker", "after")));
        await TestWait.UntilAsync(() => host.Handler.CountOf("$marker") == 1, "the marker event is handled");
        Assert.Equal(1, host.Handler.CountOf("$c"));
    }

    [Fact]
    public async Task Transaction_resent_after_restart_is_acknowledged_and_not_handled_again()
    {
        var body = Txn.Body(Txn.Message("!r:example.org", "$once", "only once"));
        await using (var first = await InboxTestHost.StartAsync(DatabasePath))
        {
            using var response = await first.PutTransactionAsync("txn-restart", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await TestWait.UntilAsync(() => first.Handler.CountOf("$once") == 1, "$once is handled before the restart");
        }

        await using var second = await InboxTestHost.StartAsync(DatabasePath);
        using var resent = await second.PutTransactionAsync("txn-restart", body);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);

        using var marker = await second.PutTransactionAsync("txn-after-restart", Txn.Body(Txn.Message("!r:example.org", "$marker", "after")));
        await TestWait.UntilAsync(() => second.Handler.CountOf("$marker") == 1, "the marker event is handled");
        Assert.Equal(["$marker"], second.Handler.EventIdsIn("!r:example.org"));
    }

    [Fact]
    public async Task Events_of_one_room_are_handled_in_order_across_transactions()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        var rooms = Enumerable.Range(0, 5).Select(i => $"!room{i}:example.org").ToArray();
        var expected = rooms.ToDictionary(r => r, _ => new List<string>());
        var events = new List<JsonObject>();
        for (var i = 0; i < 200; i++)
        {
            // Rooms interleave irregularly inside and across transactions.
            var room = rooms[(i * 7 + (i / 3)) % rooms.Length];
            var eventId = $"$ev{i:D3}";
            expected[room].Add(eventId);
            events.Add(Txn.Message(room, eventId, $"message {i}"));
        }

        for (var t = 0; t < 10; t++)
        {
            using var response = await host.PutTransactionAsync($"order-{t}", Txn.Body([.. events.Skip(t * 20).Take(20)]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await TestWait.UntilAsync(() => host.Handler.RoomEvents.Count >= 200, "all 200 events are handled");
        foreach (var room in rooms)
        {
            Assert.Equal(expected[room], host.Handler.EventIdsIn(room));
        }

        Assert.Equal(200, host.Handler.RoomEvents.Count);
        Assert.False(host.Handler.SawConcurrencyWithinRoom, "two events of one room were handled at the same time");
    }

    [Fact]
    public async Task Room_keeps_order_while_its_handler_is_slow_and_other_rooms_go_on()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Handler.OnRoomEvent = (evt, ct) => evt.EventId.Value == "$slow-1" ? release.Task.WaitAsync(ct) : Task.CompletedTask;

        using (await host.PutTransactionAsync("s1", Txn.Body(Txn.Message("!slow:example.org", "$slow-1", "1"), Txn.Message("!fast:example.org", "$fast-1", "1"))))
        using (await host.PutTransactionAsync("s2", Txn.Body(Txn.Message("!slow:example.org", "$slow-2", "2"), Txn.Message("!fast:example.org", "$fast-2", "2"))))
        {
            // The other room is not held up by the slow one.
            await TestWait.UntilAsync(() => host.Handler.CountOf("$fast-2") == 1, "the fast room's events are handled");
            Assert.Equal(["$slow-1"], host.Handler.EventIdsIn("!slow:example.org"));

            release.SetResult();
            await TestWait.UntilAsync(() => host.Handler.CountOf("$slow-2") == 1, "the slow room catches up");
            Assert.Equal(["$slow-1", "$slow-2"], host.Handler.EventIdsIn("!slow:example.org"));
        }
    }

    [Fact]
    public async Task Typing_with_room_id_reaches_HandleEphemeralAsync()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        var body = new JsonObject
        {
            ["events"] = new JsonArray(),
            ["ephemeral"] = new JsonArray(new JsonObject
            {
                ["type"] = "m.typing",
                ["room_id"] = "!r:example.org",
                ["content"] = new JsonObject { ["user_ids"] = new JsonArray("@alice:example.org") },
            }),
        };

        using var response = await host.PutTransactionAsync("eph-1", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await TestWait.UntilAsync(() => host.Handler.Ephemeral.Count == 1, "the typing event reaches the handler");
        var typing = host.Handler.Ephemeral.Single();
        Assert.Equal("m.typing", typing.GetProperty("type").GetString());
        Assert.Equal("!r:example.org", typing.GetProperty("room_id").GetString());
        Assert.Equal("@alice:example.org", typing.GetProperty("content").GetProperty("user_ids")[0].GetString());
        Assert.Empty(host.Handler.RoomEvents);
    }

    [Fact]
    public async Task Ephemeral_under_the_msc2409_key_reaches_HandleEphemeralAsync()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        var body = new JsonObject
        {
            ["events"] = new JsonArray(),
            ["de.sorunome.msc2409.ephemeral"] = new JsonArray(new JsonObject
            {
                ["type"] = "m.receipt",
                ["room_id"] = "!r:example.org",
                ["content"] = new JsonObject(),
            }),
        };

        using var response = await host.PutTransactionAsync("eph-msc", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await TestWait.UntilAsync(() => host.Handler.Ephemeral.Count == 1, "the receipt reaches the handler");
        Assert.Equal("m.receipt", host.Handler.Ephemeral.Single().GetProperty("type").GetString());
    }

    [Fact]
    public async Task To_device_under_the_msc2409_key_reaches_HandleToDeviceAsync()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        var body = new JsonObject
        {
            ["events"] = new JsonArray(),
            ["de.sorunome.msc2409.to_device"] = new JsonArray(new JsonObject
            {
                ["type"] = "m.room_key_request",
                ["sender"] = "@alice:example.org",
                ["to_user_id"] = "@bridgebot:example.org",
                ["to_device_id"] = "BRIDGEDEVICE",
                ["content"] = new JsonObject { ["action"] = "request_cancellation", ["request_id"] = "r1", ["requesting_device_id"] = "D" },
            }),
        };

        using var response = await host.PutTransactionAsync("td-1", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await TestWait.UntilAsync(() => host.Handler.ToDevice.Count == 1, "the to-device event reaches the handler");
        var toDevice = host.Handler.ToDevice.Single();
        Assert.Equal("m.room_key_request", toDevice.GetProperty("type").GetString());
        Assert.Equal("BRIDGEDEVICE", toDevice.GetProperty("to_device_id").GetString());
        Assert.Empty(host.Handler.Ephemeral);
    }

    [Fact]
    public async Task Ephemeral_of_a_duplicate_transaction_is_not_delivered_twice()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        var body = new JsonObject
        {
            ["events"] = new JsonArray(Txn.Message("!r:example.org", "$with-typing", "x")),
            ["ephemeral"] = new JsonArray(new JsonObject { ["type"] = "m.typing", ["room_id"] = "!r:example.org", ["content"] = new JsonObject() }),
        };

        using (await host.PutTransactionAsync("dup-eph", body))
        using (await host.PutTransactionAsync("dup-eph", body))
        using (await host.PutTransactionAsync("eph-marker", new JsonObject
        {
            ["events"] = new JsonArray(),
            ["ephemeral"] = new JsonArray(new JsonObject { ["type"] = "m.presence", ["sender"] = "@alice:example.org", ["content"] = new JsonObject() }),
        }))
        {
            await TestWait.UntilAsync(() => host.Handler.Ephemeral.Any(e => e.GetProperty("type").GetString() == "m.presence"), "the marker presence arrives");
            Assert.Single(host.Handler.Ephemeral, e => e.GetProperty("type").GetString() == "m.typing");
        }
    }

    [Fact]
    public async Task Event_handled_but_not_marked_done_before_a_crash_is_dispatched_again_after_restart()
    {
        // A clock that never moves keeps the dispatcher's done-flush from running, so what it handles stays pending
        // in the database exactly as if the process had died between handling and flushing.
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var crashed = await InboxTestHost.StartAsync(DatabasePath, dispatcherTime: frozen);
        try
        {
            using (await crashed.PutTransactionAsync("before-crash", Txn.Body(Txn.Message("!r:example.org", "$unfinished-1", "a"), Txn.Message("!r:example.org", "$unfinished-2", "b"))))
            {
                await TestWait.UntilAsync(() => crashed.Handler.CountOf("$unfinished-2") == 1, "the events are handled before the crash");
            }

            await crashed.CrashHttpAsync();

            await using var restarted = await InboxTestHost.StartAsync(DatabasePath);
            await TestWait.UntilAsync(() => restarted.Handler.CountOf("$unfinished-2") == 1, "the unfinished events are dispatched again");
            Assert.Equal(["$unfinished-1", "$unfinished-2"], restarted.Handler.EventIdsIn("!r:example.org"));

            // The homeserver's retry of the same transaction is still recognised after the crash.
            using var retry = await restarted.PutTransactionAsync("before-crash", Txn.Body(Txn.Message("!r:example.org", "$unfinished-1", "a")));
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }
        finally
        {
            await crashed.DisposeAsync();
        }
    }

    [Fact]
    public async Task Event_whose_handler_was_interrupted_by_shutdown_is_dispatched_again_after_restart()
    {
        await using (var first = await InboxTestHost.StartAsync(DatabasePath))
        {
            // The handler is still working on the event when the host stops.
            first.Handler.OnRoomEvent = (_, ct) => Task.Delay(Timeout.Infinite, ct);
            using (await first.PutTransactionAsync("interrupted", Txn.Body(Txn.Message("!r:example.org", "$interrupted", "x"))))
            {
                await TestWait.UntilAsync(() => first.Handler.CountOf("$interrupted") == 1, "the handler has started on the event");
            }
        }

        await using var second = await InboxTestHost.StartAsync(DatabasePath);
        await TestWait.UntilAsync(() => second.Handler.CountOf("$interrupted") == 1, "the interrupted event is dispatched again");
    }

    [Fact]
    public async Task Pending_inbox_row_left_in_the_store_is_dispatched_at_start()
    {
        var db = BridgesDatabase.Create(new StorageOptions { Backend = "sqlite", ConnectionString = DatabasePath });
        await using (db)
        {
            await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync([StorageMigrations.Framework], CancellationToken.None);
            var store = new SqlAppServiceInboxStore(db, "test", TimeProvider.System);
            var json = Txn.Message("!r:example.org", "$left-over", "from before the crash").ToJsonString();
            Assert.True(await store.AcceptAsync("crashed-txn", [new InboxItem("!r:example.org", "$left-over", json)], CancellationToken.None));
        }

        await using var host = await InboxTestHost.StartAsync(DatabasePath);

        await TestWait.UntilAsync(() => host.Handler.CountOf("$left-over") == 1, "the left-over row is dispatched");
    }

    [Fact]
    public async Task Undecodable_inbox_row_is_skipped_and_does_not_stall_its_room()
    {
        var db = BridgesDatabase.Create(new StorageOptions { Backend = "sqlite", ConnectionString = DatabasePath });
        await using (db)
        {
            await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync([StorageMigrations.Framework], CancellationToken.None);
            var store = new SqlAppServiceInboxStore(db, "test", TimeProvider.System);
            // A row this version cannot read (say, written by another version): no "type".
            await store.AcceptAsync("old-format", [new InboxItem("!r:example.org", "$unreadable", """{"event_id":"$unreadable","room_id":"!r:example.org"}""")], CancellationToken.None);
        }

        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        using (await host.PutTransactionAsync("next", Txn.Body(Txn.Message("!r:example.org", "$readable", "after the bad row"))))
        {
            await TestWait.UntilAsync(() => host.Handler.CountOf("$readable") == 1, "the room's next event is handled");
        }
    }

    [Fact]
    public async Task Handled_events_are_marked_done_and_not_dispatched_after_a_clean_restart()
    {
        await using (var first = await InboxTestHost.StartAsync(DatabasePath))
        {
            using (await first.PutTransactionAsync("clean", Txn.Body(Txn.Message("!r:example.org", "$clean", "x"))))
            {
                await TestWait.UntilAsync(() => first.Handler.CountOf("$clean") == 1, "$clean is handled");
            }
        }

        await using var second = await InboxTestHost.StartAsync(DatabasePath);
        using (await second.PutTransactionAsync("marker", Txn.Body(Txn.Message("!r:example.org", "$marker", "after"))))
        {
            await TestWait.UntilAsync(() => second.Handler.CountOf("$marker") == 1, "the marker is handled");
        }

        Assert.Equal(0, second.Handler.CountOf("$clean"));
    }

    [Fact]
    public async Task Malformed_event_inside_a_transaction_is_skipped_and_the_rest_handled()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        var noEventId = Txn.Message("!r:example.org", "$x", "no id");
        noEventId.Remove("event_id");
        var badRoomId = Txn.Message("not-a-room", "$y", "bad room");
        var noType = Txn.Message("!r:example.org", "$z", "no type");
        noType.Remove("type");
        var body = new JsonObject
        {
            ["events"] = new JsonArray(
                Txn.Message("!r:example.org", "$ok-1", "first"),
                noEventId,
                "just a string",
                badRoomId,
                noType,
                new JsonObject { ["type"] = "m.room.message", ["event_id"] = 5, ["room_id"] = "!r:example.org", ["sender"] = "@a:example.org", ["content"] = new JsonObject() },
                Txn.Message("!r:example.org", "$ok-2", "second")),
        };

        using var response = await host.PutTransactionAsync("mixed", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await TestWait.UntilAsync(() => host.Handler.CountOf("$ok-2") == 1, "the well-formed events are handled");
        Assert.Equal(["$ok-1", "$ok-2"], host.Handler.EventIdsIn("!r:example.org"));
        Assert.Equal(2, host.Handler.RoomEvents.Count);
    }

    [Fact]
    public async Task Failing_handler_does_not_stall_the_room()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        host.Handler.OnRoomEvent = (evt, _) => evt.EventId.Value == "$boom" ? throw new InvalidOperationException("handler bug") : Task.CompletedTask;

        using var response = await host.PutTransactionAsync("boom", Txn.Body(Txn.Message("!r:example.org", "$boom", "x"), Txn.Message("!r:example.org", "$after-boom", "y")));

        await TestWait.UntilAsync(() => host.Handler.CountOf("$after-boom") == 1, "the next event of the room is handled");
    }

    [Fact]
    public async Task Event_content_and_fields_survive_the_inbox_round_trip()
    {
        await using var host = await InboxTestHost.StartAsync(DatabasePath);
        var state = new JsonObject
        {
            ["type"] = "m.room.member",
            ["event_id"] = "$member",
            ["room_id"] = "!r:example.org",
            ["sender"] = "@alice:example.org",
            ["state_key"] = "@ghost_bob:example.org",
            ["origin_server_ts"] = 1_700_000_000_123,
            ["content"] = new JsonObject { ["membership"] = "invite", ["displayname"] = "Bob", ["x.custom"] = new JsonObject { ["nested"] = new JsonArray(1, 2) } },
            ["unsigned"] = new JsonObject { ["age"] = 12 },
        };

        using (await host.PutTransactionAsync("state", Txn.Body(state)))
        {
            await TestWait.UntilAsync(() => host.Handler.CountOf("$member") == 1, "the member event is handled");
        }

        var evt = host.Handler.RoomEvents.Single();
        Assert.Equal("m.room.member", evt.Type);
        Assert.Equal("@ghost_bob:example.org", evt.StateKey);
        Assert.Equal("@alice:example.org", evt.Sender.Value);
        Assert.Equal(1_700_000_000_123, evt.OriginServerTs);
        Assert.Equal(2, evt.Content.GetProperty("x.custom").GetProperty("nested")[1].GetInt32());
        Assert.Equal(12, evt.Unsigned!.Value.GetProperty("age").GetInt32());
    }
}
