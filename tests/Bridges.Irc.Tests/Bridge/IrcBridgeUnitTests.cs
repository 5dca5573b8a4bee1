using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Security;
using Bridges.Echo;
using Bridges.Hosting.Configuration;
using Bridges.Irc.Bridge;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>Ids, names, options and stored passwords, without a server.</summary>
public sealed class IrcBridgeUnitTests
{
    private static readonly UserId Alice = UserId.Parse("@alice:example.org");

    [Theory]
    [InlineData("irc.yaml")]
    [InlineData("bridges.yaml")]
    public void Config_sample_validates_and_binds(string sample)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "config-samples", sample);
        // The combined sample also has bridges this project does not reference (Hosting.Tests checks it with all of them).
        var errors = ConfigValidator.Validate(File.ReadAllText(path), sample == "irc.yaml" ? [IrcNetwork.Plugin] : [EchoNetwork.Plugin, IrcNetwork.Plugin]);
        Assert.DoesNotContain(errors, e => !(sample == "bridges.yaml" && e.Path is "bridges.telegram" or "bridges.email"));

        var section = new ConfigurationBuilder().AddYamlFile(path, optional: false).Build().GetSection("bridges:irc");
        var options = section.Get<IrcOptions>()!;
        var libera = options.Networks["libera"];
        Assert.Equal("irc.libera.chat", libera.Host);
        Assert.Equal(6697, libera.Port);
        Assert.Equal(IrcBridgeMode.Puppets, libera.Mode);
        Assert.Equal("{localpart}[m]", libera.NickTemplate);
        Assert.Equal(TimeSpan.FromSeconds(1), libera.FloodInterval);
        Assert.Equal(TimeSpan.FromDays(2), libera.PuppetIdleTimeout);
        Assert.Equal(50, libera.PowerLevels["o"]);
        Assert.Equal(10, libera.PowerLevels["v"]);
        Assert.Empty(libera.Channels);
        Assert.False(libera.DynamicChannels.Enabled);
        Assert.False(libera.NickServFallback);
        Assert.Equal(1000, libera.InboxCapacity);
        Assert.Empty(libera.DynamicChannels.Allow);
        Assert.True(string.IsNullOrEmpty(options.PasswordKey));
        // The plugin accepts what the sample binds to: its validator (run at start) passes and the connector is made.
        Assert.True(new IrcOptionsValidator().Validate("irc", options).Succeeded);
        Assert.IsAssignableFrom<INetworkConnector>(IrcNetwork.Plugin.CreateConnector(section, NullLoggerFactory.Instance));
    }

    [Fact]
    public void Invalid_network_options_are_named_with_their_key()
    {
        var options = new IrcOptions { Networks = { ["Bad_Id"] = new IrcNetworkOptions { Host = "", NickTemplate = "x", Channels = ["no space"], PowerLevels = { ["op"] = 50 } } } };
        var errors = IrcOptionsValidator.Validate(options);
        Assert.Contains(errors, e => e.StartsWith("bridges.irc.networks.Bad_Id:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bridges.irc.networks.Bad_Id.host:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bridges.irc.networks.Bad_Id.nick_template:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bridges.irc.networks.Bad_Id.channels:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bridges.irc.networks.Bad_Id.power_levels.op:", StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_carry_the_network_and_derived_message_ids_are_stable()
    {
        Assert.Equal("libera/#chan", IrcIds.Channel("libera", "#chan").ToString());
        Assert.Equal("libera/bob|puppet/@alice:example.org", IrcIds.Private("libera", "bob", IrcIds.PuppetLogin(Alice)).ToString());
        Assert.True(IrcIds.TrySplit("libera/#a/b", out var network, out var name));
        Assert.Equal(("libera", "#a/b"), (network, name));
        Assert.False(IrcIds.TrySplit("nonetwork", out _, out _));
        Assert.True(IrcIds.IsRelayLogin(IrcIds.RelayLogin("libera")));

        var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        Assert.Equal(new RemoteMessageId("srv-id"), IrcIds.Message("srv-id", "libera", "#chan", time, "bob", "hi"));
        var derived = IrcIds.Message(null, "libera", "#chan", time, "bob", "hi");
        Assert.Equal(derived, IrcIds.Message(null, "libera", "#chan", time, "bob", "hi"));
        Assert.NotEqual(derived, IrcIds.Message(null, "libera", "#chan", time, "bob", "hi!"));
        Assert.False(IrcIds.IsServerMsgId(derived));
    }

    [Fact]
    public void Puppet_nicks_fit_the_cap_and_idents_are_safe()
    {
        var options = new IrcNetworkOptions { NickMaxLength = 12 };
        Assert.Equal("alice[m]", IrcPuppetNames.Nick(options, Alice));
        Assert.Equal("averylong[m]", IrcPuppetNames.Nick(options, UserId.Parse("@averylongname:example.org")));
        Assert.Equal("_1a_b[m]", IrcPuppetNames.Nick(options, UserId.Parse("@1a.b:example.org")));
        Assert.Equal("e2ealice12", IrcPuppetNames.UserName(options, UserId.Parse("@e2e_alice_1234:example.org")));
        Assert.Equal("@alice:example.org (Matrix)", IrcPuppetNames.RealName(options, Alice));
    }

    [Fact]
    public void Stored_passwords_are_encrypted_and_bound_to_their_user_and_network()
    {
        var store = new IrcUserStore(() => throw new InvalidOperationException("no store needed"), new Secret("key material for the test"));
        var sealedPassword = store.Encrypt(Alice, "libera", "hunter2");
        Assert.DoesNotContain("hunter2", sealedPassword, StringComparison.Ordinal);
        Assert.NotEqual(sealedPassword, store.Encrypt(Alice, "libera", "hunter2"));
        Assert.Equal("hunter2", store.Decrypt(Alice, "libera", sealedPassword)!.Reveal());
        Assert.Equal("***", store.Decrypt(Alice, "libera", sealedPassword)!.ToString());
        Assert.Null(store.Decrypt(Alice, "oftc", sealedPassword));
        Assert.Null(store.Decrypt(UserId.Parse("@mallory:example.org"), "libera", sealedPassword));
        Assert.Null(new IrcUserStore(() => null!, new Secret("another key")).Decrypt(Alice, "libera", sealedPassword));
        Assert.False(new IrcUserStore(() => null!, null).CanStorePasswords);
    }

    [Theory]
    [InlineData("404", true)]
    [InlineData("442", true)]
    [InlineData("474", false)]
    [InlineData("401", false)]
    public async Task Not_in_channel_refusals_are_retried_and_other_refusals_are_final(string numeric, bool transient)
    {
        var refusal = new Client.IrcCommandException(new Client.IrcMessage(Client.IrcTags.Empty, "irc.test", numeric, "me[m]", "#chan", "Cannot send to channel"));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => IrcSend.GuardAsync(() => Task.FromException<bool>(refusal)));

        Assert.Equal(transient ? typeof(RemoteTransientException) : typeof(RemotePermanentException), thrown.GetType());
        Assert.Same(refusal, thrown.InnerException);
    }
}
