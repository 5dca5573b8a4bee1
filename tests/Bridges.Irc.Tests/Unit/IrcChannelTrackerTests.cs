using Bridges.Irc.Client;
using Microsoft.Extensions.Time.Testing;

namespace Bridges.Irc.Tests.Unit;

public sealed class IrcChannelTrackerTests
{
    private readonly IrcChannelTracker _t = new(trackMembers: true, new FakeTimeProvider());

    public IrcChannelTrackerTests()
    {
        _t.SetISupport(IrcISupport.Default.Apply(IrcMessage.Parse(":s 005 me PREFIX=(qaohv)~&@%+ CHANMODES=beI,k,l,imnst CASEMAPPING=rfc1459 :ok")));
    }

    private void Apply(string line, string me = "me") => _t.Apply(IrcMessage.Parse(line), me);

    [Fact]
    public void Join_names_with_multi_prefix_and_userhost()
    {
        Apply(":me!u@h JOIN #Chan * :My Name");
        Apply(":s 353 me = #chan :~@alice!a@ha +bob!b@hb me!u@h");
        Apply(":s 366 me #chan :End");
        var ch = _t.Get("#CHAN")!;
        Assert.True(ch.NamesComplete);
        Assert.Equal(3, ch.MemberCount);
        ch.TryGetMember("ALICE", out var alice);
        Assert.Equal(("~@", "a", "ha"), (alice!.Prefixes, alice.User, alice.Host));
        Assert.Equal('~', alice.HighestPrefix);
    }

    [Fact]
    public void Mode_changes_prefixes_and_channel_modes()
    {
        Apply(":me!u@h JOIN #c");
        Apply(":bob!b@h JOIN #c bobacct :Bob Real");
        Apply(":op!o@h MODE #c +ov-k+lb bob bob oldkey 10 *!*@bad");
        var ch = _t.Get("#c")!;
        ch.TryGetMember("bob", out var bob);
        Assert.Equal("@+", bob!.Prefixes);
        Assert.Equal(("bobacct", "Bob Real"), (bob.Account, bob.RealName));
        Assert.Equal("10", ch.Modes['l']);
        Assert.False(ch.Modes.ContainsKey('b'));

        Apply(":op!o@h MODE #c -o+h+i bob bob");
        ch.TryGetMember("bob", out bob);
        Assert.Equal("%+", bob!.Prefixes);
        Assert.True(ch.Modes.ContainsKey('i'));
        Apply(":s 324 me #c +nt");
        Assert.Equal(['n', 't'], ch.Modes.Keys.Order());
    }

    [Fact]
    public void Part_kick_quit_and_nick()
    {
        Apply(":me!u@h JOIN #a");
        Apply(":me!u@h JOIN #b");
        Apply(":x!x@h JOIN #a");
        Apply(":x!x@h JOIN #b");
        Apply(":y!y@h JOIN #a");
        Apply(":x!x@h NICK X2");
        Assert.True(_t.Get("#a")!.TryGetMember("x2", out _));
        Apply(":X2!x@h QUIT :bye");
        Assert.False(_t.Get("#b")!.TryGetMember("x2", out _));
        Apply(":y!y@h PART #a");
        Assert.Equal(1, _t.Get("#a")!.MemberCount);
        Apply(":op!o@h KICK #a me :out");
        Assert.Null(_t.Get("#a"));
        Assert.Single(_t.Channels);
    }

    [Fact]
    public void Topic_and_user_info_updates()
    {
        Apply(":me!u@h JOIN #c");
        Apply(":s 332 me #c :Hello world");
        Apply(":s 333 me #c setter!s@h 1700000000");
        var ch = _t.Get("#c")!;
        Assert.Equal(("Hello world", "setter"), (ch.Topic, ch.TopicSetBy));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), ch.TopicSetAt);
        Apply("@time=2024-01-01T00:00:00.000Z :bob!b@h TOPIC #c :New");
        Assert.Equal(("New", "bob"), (ch.Topic, ch.TopicSetBy));

        Apply(":bob!b@h JOIN #c");
        Apply(":bob!b@h CHGHOST nb newhost");
        Apply(":bob!nb@newhost SETNAME :Robert");
        Apply(":bob!nb@newhost AWAY :lunch");
        Apply(":bob!nb@newhost ACCOUNT bobby");
        ch.TryGetMember("bob", out var bob);
        Assert.Equal(("nb", "newhost", "Robert", true, "bobby"), (bob!.User, bob.Host, bob.RealName, bob.IsAway, bob.Account));
        Apply(":bob!nb@newhost AWAY");
        Apply(":bob!nb@newhost ACCOUNT *");
        ch.TryGetMember("bob", out bob);
        Assert.False(bob!.IsAway);
        Assert.Null(bob.Account);
    }

    [Fact]
    public void Without_member_tracking_only_channel_names_are_kept()
    {
        var t = new IrcChannelTracker(trackMembers: false, new FakeTimeProvider());
        t.Apply(IrcMessage.Parse(":me!u@h JOIN #c"), "me");
        t.Apply(IrcMessage.Parse(":s 353 me = #c :@me bob"), "me");
        t.Apply(IrcMessage.Parse(":s 332 me #c :topic"), "me");
        Assert.Equal(0, t.Get("#c")!.MemberCount);
        Assert.Null(t.Get("#c")!.Topic);
    }

    [Fact]
    public void Remembers_join_keys()
    {
        _t.RememberKey("#k", "secret");
        Apply(":me!u@h JOIN #K");
        Assert.Equal("secret", _t.Get("#k")!.Key);
    }
}
