using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Core.Network.Ids;
using Bridges.Email.Bridge;
using Bridges.Matrix.Ids;
using Bridges.Testing;
using Microsoft.Extensions.Logging;

namespace Bridges.Email.Tests;

/// <summary>The email bridge on the in-process homeserver, pointed at the real Postfix + Dovecot of testenv/.</summary>
internal sealed class EmailBridgeHarness : IAsyncDisposable
{
    public static readonly TimeSpan WaitTime = TimeSpan.FromSeconds(30);

    public const string LoginKey = "a login key for the email tests, long enough";

    private EmailBridgeHarness(BridgeTestHost host) => Host = host;

    public BridgeTestHost Host { get; }

    internal EmailConnector Connector => (EmailConnector)Host.Bridge.Bridge.Connector;

    public static async Task<EmailBridgeHarness> StartAsync(Action<IDictionary<string, string?>>? configure = null, ILoggerFactory? loggers = null)
    {
        var host = await BridgeTestHost.StartAsync(EmailNetwork.Plugin, c =>
        {
            c["bridges:email:loginkey"] = LoginKey;
            c["bridges:email:allowplaintext"] = "true";
            c["bridges:email:reconnectmaxdelayseconds"] = "2";
            c["bridges:email:permissions:user:0"] = "localhost";
            configure?.Invoke(c);
        }, loggers);
        return new EmailBridgeHarness(host);
    }

    public string GhostOf(string address) => Host.Bridge.Bridge.GhostUserId(new RemoteUserId(address.ToLowerInvariant())).Value;

    /// <summary>A Matrix user with a management room (a direct chat with the bridge bot).</summary>
    public async Task<(MatrixTestUser User, RoomId Management)> CreateUserAsync(string name)
    {
        var user = await Host.CreateUserAsync(name);
        var bot = Host.Bridge.Bridge.Intents.BotUserId.Value;
        var management = await user.CreateRoomAsync(new JsonObject
        {
            ["preset"] = "private_chat", ["is_direct"] = true, ["invite"] = new JsonArray(bot),
            ["power_level_content_override"] = new JsonObject { ["users"] = new JsonObject { [user.UserId.Value] = 100, [bot] = 50 } },
        });
        await user.WaitForMessageAsync(management, b => b.StartsWith("Hello!", StringComparison.Ordinal), WaitTime);
        return (user, management);
    }

    /// <summary>Runs the login flow in the management room; returns the bot's last answer.</summary>
    public static async Task<string> LoginAsync(MatrixTestUser user, RoomId management, string address, string password = TestMail.Password, string? imapServer = null)
    {
        await user.SendTextAsync(management, "login");
        string[] answers = [address, imapServer ?? TestMail.ImapServer, TestMail.SmtpServer, "none", "-", password];
        string[] prompts = ["Email address", "IMAP server", "SMTP server", "Security", "Username", "Password"];
        for (var i = 0; i < answers.Length; i++)
        {
            var prompt = prompts[i];
            await user.WaitForMessageAsync(management, b => b.Contains(prompt, StringComparison.Ordinal), WaitTime);
            await user.SendTextAsync(management, answers[i]);
        }

        var answer = await user.WaitForMessageAsync(management, b => b.StartsWith("Logged in", StringComparison.Ordinal) || b.StartsWith("Login failed", StringComparison.Ordinal), WaitTime);
        return Body(answer)!;
    }

    /// <summary>
    /// Waits until the mail thread rooted at <paramref name="root"/> has its portal room for the login of
    /// <paramref name="address"/>, and joins <paramref name="user"/> to it (the bridge invites the login's owner).
    /// </summary>
    public async Task<RoomId> ThreadRoomAsync(MatrixTestUser user, string address, MimeKit.MimeMessage root) =>
        await JoinPortalAsync(user, new PortalKey(EmailIds.ThreadPortal(root.MessageId!), EmailIds.Login(address)));

    /// <summary>Waits until a portal has its room and joins <paramref name="user"/> to it.</summary>
    public async Task<RoomId> JoinPortalAsync(MatrixTestUser user, PortalKey key)
    {
        using var deadline = new CancellationTokenSource(WaitTime);
        while (true)
        {
            if (await Host.Bridge.Bridge.GetPortalRoomAsync(key, deadline.Token) is { } room)
            {
                await user.WaitForInviteAsync(r => r == room, WaitTime);
                await user.JoinAsync(room.Value);
                return room;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>Waits until the message map holds a remote message (by Message-ID) and returns its first part.</summary>
    public async Task<Core.Database.MessageRecord> MappedAsync(string messageId)
    {
        using var deadline = new CancellationTokenSource(WaitTime);
        while (true)
        {
            if (await Connector.Host.Messages.FindAnyAsync(new RemoteMessageId(messageId), deadline.Token) is { } record)
            {
                return record;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>
    /// The INBOX cursor stored for a login (or shared mailbox login id), read from the database file itself, so it
    /// also answers while the host is killed.
    /// </summary>
    public async Task<string?> CursorAsync(string loginId)
    {
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Host.DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT v FROM kv_store WHERE k = $k";
        query.Parameters.AddWithValue("$k", "cursor:" + loginId);
        return await query.ExecuteScalarAsync() as string;
    }

    /// <summary>The UID a stored cursor names (-1 for none).</summary>
    public async Task<long> CursorUidAsync(string loginId) =>
        await CursorAsync(loginId) is { } cursor ? long.Parse(cursor.Split(':')[2], System.Globalization.CultureInfo.InvariantCulture) : -1;

    /// <summary>Waits until the stored cursor of a login reaches <paramref name="uid"/>.</summary>
    public async Task WaitForCursorAsync(string loginId, long uid)
    {
        using var deadline = new CancellationTokenSource(WaitTime);
        while (await CursorUidAsync(loginId) < uid)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    public static string? Body(JsonElement e) =>
        e.TryGetProperty("content", out var c) && c.TryGetProperty("body", out var b) ? b.GetString() : null;

    public static string? Formatted(JsonElement e) =>
        e.TryGetProperty("content", out var c) && c.TryGetProperty("formatted_body", out var b) ? b.GetString() : null;

    /// <summary>The m.room.message events of a room as the user has seen them so far.</summary>
    public static List<JsonElement> Messages(MatrixTestUser user, RoomId room) =>
        [.. user.Timeline(room).Where(e => e.GetProperty("type").GetString() == "m.room.message")];

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
