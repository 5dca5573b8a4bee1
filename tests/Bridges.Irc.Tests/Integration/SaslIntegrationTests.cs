using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Integration;

/// <summary>NickServ REGISTER, then SASL PLAIN success and 904 on a wrong password (Anope services).</summary>
public sealed class SaslIntegrationTests
{
    [Fact]
    public async Task Sasl_plain_logs_in_after_nickserv_register_and_a_wrong_password_is_an_auth_failure()
    {
        var nick = IrcTestEnv.UniqueNick("sasl");
        const string password = "s3cret-Pass-word";
        var logger = new CapturingLogger<IrcConnection>();
        await using (var registrar = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(nick), logger))
        {
            var chats = new ChatCollector(registrar);
            await registrar.SendPrivmsgAsync("NickServ", $"REGISTER {password} {nick}@bridges.test", null, IrcTestEnv.Ct);
            await chats.WaitForChatsAsync(
                c => c.Any(m => m.Source.Nick == "NickServ" && m.Text.Contains("registered", StringComparison.OrdinalIgnoreCase)),
                "NickServ confirms the registration");
            await Wait.UntilAsync(() => registrar.Account == nick, "ACCOUNT/900 after REGISTER");
        }

        var options = IrcTestEnv.Options(nick);
        var saslOptions = new IrcConnectionOptions
        {
            Host = options.Host,
            Port = options.Port,
            UseTls = false,
            Nick = nick,
            QuitTimeout = options.QuitTimeout,
            Sasl = IrcSaslMechanism.Plain,
            SaslAccount = nick,
            SaslPassword = new IrcSecret(password),
        };
        await using (var conn = await IrcTestEnv.ConnectAsync(saslOptions, logger))
        {
            Assert.Equal(nick, conn.Account);
            Assert.Contains("sasl", conn.EnabledCapabilities);
        }

        var wrong = new IrcConnectionOptions
        {
            Host = options.Host,
            Port = options.Port,
            UseTls = false,
            Nick = IrcTestEnv.UniqueNick("saslbad"),
            Sasl = IrcSaslMechanism.Plain,
            SaslAccount = nick,
            SaslPassword = new IrcSecret("wrong-password"),
        };
        var ex = await Assert.ThrowsAsync<IrcAuthenticationException>(() => IrcTestEnv.ConnectAsync(wrong, logger));
        Assert.Equal("904", ex.Numeric);

        var log = string.Join('\n', logger.Messages);
        Assert.DoesNotContain(password, log, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", log, StringComparison.Ordinal);
        Assert.Contains("AUTHENTICATE ***", log, StringComparison.Ordinal);
        Assert.Contains("PRIVMSG ***", log, StringComparison.Ordinal);
    }
}
