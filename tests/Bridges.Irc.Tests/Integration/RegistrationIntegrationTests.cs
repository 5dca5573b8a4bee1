using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Irc.Tests.Integration;

/// <summary>CAP negotiation, TLS and nick collisions against the real InspIRCd.</summary>
public sealed class RegistrationIntegrationTests
{
    [Fact]
    public async Task Cap_negotiation_enables_the_expected_caps_and_isupport_is_parsed()
    {
        await using var conn = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick("caps")));
        string[] expected =
        [
            "account-notify", "account-tag", "away-notify", "batch", "cap-notify", "chghost", "echo-message", "extended-join",
            "invite-notify", "labeled-response", "message-tags", "multi-prefix", "server-time", "setname", "userhost-in-names",
            "inspircd.org/standard-replies",
        ];
        Assert.Equal(expected.Order(), conn.EnabledCapabilities.Order());
        Assert.Equal("EXTERNAL,PLAIN", conn.OfferedCapabilities["sasl"]);
        Assert.DoesNotContain("sasl", conn.EnabledCapabilities); // not configured, so not requested
        Assert.Same(IrcCaseMapping.Rfc1459, conn.ISupport.CaseMapping);
        Assert.Equal(30, conn.ISupport.NickLen);
        Assert.Equal(("ov", "@+"), (conn.ISupport.PrefixModes, conn.ISupport.PrefixSymbols));
        Assert.Equal("BridgesTest", conn.ISupport.Network);
        Assert.True(conn.IsConnected);
    }

    [Fact]
    public async Task Tls_connects_with_the_test_ca_and_fails_with_the_system_store()
    {
        await IrcTestEnv.EnsureReachableAsync(IrcTestEnv.Tls);
        var nick = IrcTestEnv.UniqueNick("tls");
        var options = IrcTestEnv.Options(nick, IrcTestEnv.Tls);
        var tlsOptions = new IrcConnectionOptions
        {
            Host = options.Host,
            Port = options.Port,
            Nick = nick,
            UseTls = true,
            TlsValidation = IrcTlsValidation.CustomCa,
            TlsCaFile = IrcTestEnv.CaFile,
            QuitTimeout = options.QuitTimeout,
        };
        await using (var conn = await IrcTestEnv.ConnectAsync(tlsOptions))
        {
            var whois = await conn.WhoisAsync(conn.Nick, IrcTestEnv.Ct);
            Assert.True(whois!.IsSecure, "671 RPL_WHOISSECURE says the link is TLS");
        }

        var untrusted = new IrcConnectionOptions
        {
            Host = options.Host,
            Port = options.Port,
            Nick = nick,
            UseTls = true,
            TlsValidation = IrcTlsValidation.System,
            AutoReconnect = false,
        };
        await using var failing = new IrcConnection(untrusted, NullLogger<IrcConnection>.Instance, TimeProvider.System);
        var ex = await Assert.ThrowsAsync<IrcConnectionException>(() => failing.ConnectAsync(IrcTestEnv.Ct));
        Assert.Equal(IrcDisconnectReason.ConnectFailed, ex.Reason);
    }

    [Fact]
    public async Task Nick_collision_is_resolved_with_an_alternative()
    {
        var nick = IrcTestEnv.UniqueNick("coll");
        await using var first = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(nick));
        await using var second = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(nick));
        Assert.Equal(nick, first.Nick);
        Assert.Equal(nick + "_", second.Nick);

        // After registration a refused NICK change is an error, not a silent rename.
        var ex = await Assert.ThrowsAsync<IrcCommandException>(() => second.ChangeNickAsync(nick, IrcTestEnv.Ct));
        Assert.Equal("433", ex.Code);
        var other = IrcTestEnv.UniqueNick("renamed");
        await second.ChangeNickAsync(other, IrcTestEnv.Ct);
        Assert.Equal(other, second.Nick);
    }
}
