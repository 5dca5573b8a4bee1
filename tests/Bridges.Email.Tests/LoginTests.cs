using Bridges.Core.Network.Ids;
using Bridges.Email.Bridge;
using Bridges.Testing;
using Microsoft.Extensions.Logging;
using static Bridges.Email.Tests.EmailBridgeHarness;

namespace Bridges.Email.Tests;

/// <summary>`login` checks the mailbox on the real servers and keeps the password sealed, out of rooms and logs.</summary>
public sealed class LoginTests
{
    [Fact]
    public async Task Login_with_a_wrong_password_fails_with_a_clear_error_that_never_shows_the_password()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var h = await EmailBridgeHarness.StartAsync(loggers: loggers);
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        const string Wrong = "not-the-password-7f3a";

        var answer = await LoginAsync(user, management, alice, Wrong);

        Assert.Equal($"Login failed: The IMAP server {TestMail.ImapServer} refused the username or password. Start again with `login`.", answer);
        Assert.Empty(await h.Host.Bridge.Bridge.Stores.Logins.ListForUserAsync(user.UserId, CancellationToken.None));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Wrong, StringComparison.Ordinal));
        // The bridge never repeats it, and it redacted the user's message holding it.
        var bot = h.Host.Bridge.Bridge.Intents.BotUserId.Value;
        Assert.DoesNotContain(user.Timeline(management), e => e.GetProperty("sender").GetString() == bot && Body(e)?.Contains(Wrong, StringComparison.Ordinal) == true);
        var secret = user.Timeline(management).Single(e => Body(e) == Wrong).GetProperty("event_id").GetString();
        Assert.Contains(user.Timeline(management), e => e.GetProperty("type").GetString() == "m.room.redaction" && (e.TryGetProperty("redacts", out var r) ? r : e.GetProperty("content").GetProperty("redacts")).GetString() == secret);
    }

    [Fact]
    public async Task Login_stores_the_password_sealed_to_its_owner_and_mailbox()
    {
        await using var h = await EmailBridgeHarness.StartAsync();
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");

        Assert.StartsWith("Logged in as " + alice, await LoginAsync(user, management, alice), StringComparison.Ordinal);

        var login = Assert.Single(await h.Host.Bridge.Bridge.Stores.Logins.ListForUserAsync(user.UserId, CancellationToken.None));
        Assert.Equal(new UserLoginId(alice), login.Id);
        var stored = login.Metadata!.Value.GetProperty("password").GetString()!;
        Assert.StartsWith("v1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(TestMail.Password, stored, StringComparison.Ordinal);
        Assert.Equal(TestMail.Password, EmailLoginProcess.AccountOf(login, h.Connector.Passwords)!.Password.Reveal());
        // Bound to its owner: the same sealed value under another Matrix user opens nothing.
        var stolen = login with { UserId = Matrix.Ids.UserId.Parse("@mallory:localhost") };
        Assert.Null(EmailLoginProcess.AccountOf(stolen, h.Connector.Passwords));
        // The secret field was redacted in the management room.
        await user.WaitForEventAsync(management, e => e.GetProperty("type").GetString() == "m.room.redaction", WaitTime);
    }
}
