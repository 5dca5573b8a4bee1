using Bridges.Irc.Client;
using Microsoft.Extensions.Time.Testing;

namespace Bridges.Irc.Tests.Unit;

public sealed class IrcSmallPartsTests
{
    [Fact]
    public void Sasl_plain_payload_matches_the_spec_example()
    {
        var payload = IrcSasl.PlainPayload("jilles", "jilles", new IrcSecret("sesame"));
        Assert.Equal(["amlsbGVzAGppbGxlcwBzZXNhbWU="], IrcSasl.Chunks(payload));
    }

    [Fact]
    public void Sasl_chunks_are_400_bytes_with_plus_after_an_exact_multiple()
    {
        Assert.Equal(["+"], IrcSasl.Chunks([]));
        var exact = IrcSasl.Chunks(new byte[300]); // 300 bytes -> 400 base64 chars
        Assert.Equal(2, exact.Count);
        Assert.Equal(400, exact[0].Length);
        Assert.Equal("+", exact[1]);
        var longer = IrcSasl.Chunks(new byte[301]);
        Assert.Equal([400, 4], longer.Select(c => c.Length));
    }

    [Fact]
    public void Secret_never_prints()
    {
        var s = new IrcSecret("hunter2");
        Assert.Equal("***", s.ToString());
        Assert.Equal("***", $"{s}");
        Assert.Equal("hunter2", s.Reveal());
    }

    [Theory]
    [InlineData("alice", 1, 0, null, "alice_")]
    [InlineData("alice", 2, 0, null, "alice__")]
    [InlineData("alice", 3, 0, null, "alice3")]
    [InlineData("abcdefghi", 1, 0, 9, "abcdefgh_")]
    [InlineData("abcdefghi", 12, 0, 9, "abcdefg12")]
    [InlineData("al ice\u00e9", 0, 1, null, "al_ice_")]
    [InlineData("1abc", 0, 1, null, "_1abc")]
    [InlineData("averyveryverylongnickname", 0, 1, null, "averyveryverylon")]
    [InlineData("averyveryverylongnickname", 1, 2, null, "averyver_")]
    public void Nick_candidates(string desired, int collisions, int erroneous, int? nickLen, string expected)
    {
        Assert.Equal(expected, IrcNickGenerator.Candidate(desired, collisions, erroneous, nickLen));
    }

    [Fact]
    public void Ctcp_parse_and_build()
    {
        Assert.True(IrcCtcp.TryParse("\u0001" + "ACTION waves\u0001", out var cmd, out var p));
        Assert.Equal(("ACTION", "waves"), (cmd, p));
        Assert.True(IrcCtcp.TryParse("\u0001version", out cmd, out p));
        Assert.Equal(("VERSION", ""), (cmd, p));
        Assert.False(IrcCtcp.TryParse("hello", out _, out _));
        Assert.Equal("\u0001" + "ACTION a b\u0001", IrcCtcp.Build("ACTION", "a\u0001 b"));
    }

    [Fact]
    public void Token_bucket_allows_a_burst_then_paces()
    {
        var time = new FakeTimeProvider();
        var bucket = new IrcTokenBucket(3, TimeSpan.FromMilliseconds(500), time);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, bucket.TimeUntilAvailable());
            bucket.Take();
        }

        Assert.Equal(TimeSpan.FromMilliseconds(500), bucket.TimeUntilAvailable());
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromMilliseconds(300), bucket.TimeUntilAvailable());
        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilAvailable());
        bucket.Take();
        time.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, bucket.TimeUntilAvailable());
            bucket.Take();
        }

        Assert.NotEqual(TimeSpan.Zero, bucket.TimeUntilAvailable()); // never more than the burst
    }

    [Fact]
    public void Batch_tracker_collects_nested_batches()
    {
        var t = new IrcBatchTracker();
        string[] lines =
        [
            ":irc.host BATCH +outer example.com/foo",
            "@batch=outer :irc.host BATCH +inner netsplit a b",
            "@batch=inner :nick!user@host QUIT :a b",
        ];
        foreach (var l in lines)
        {
            var m = IrcMessage.Parse(l);
            if (m.Command == "BATCH")
            {
                Assert.Null(t.OnBatchCommand(m));
            }

            t.Collect(m);
        }

        Assert.True(t.IsInside(IrcMessage.Parse("@batch=inner PING x"), "example.com/foo"));
        var close = IrcMessage.Parse("@batch=outer :irc.host BATCH -inner");
        var inner = t.OnBatchCommand(close);
        t.Collect(close);
        Assert.Equal(("netsplit", 1), (inner!.Type, inner.Messages.Count));
        Assert.Equal(["a", "b"], inner.Parameters);
        var outer = t.OnBatchCommand(IrcMessage.Parse(":irc.host BATCH -outer"));
        Assert.Equal(2, outer!.Messages.Count);
        Assert.Null(t.OnBatchCommand(IrcMessage.Parse(":irc.host BATCH -unknown")));
    }

    [Fact]
    public void Whois_result_aggregates_numerics()
    {
        var r = IrcWhoisResult.FromReplies("bob",
        [
            IrcMessage.Parse(":s 311 me Bob b host * :Bob Real"),
            IrcMessage.Parse(":s 319 me Bob :@#a +#b"),
            IrcMessage.Parse(":s 312 me Bob irc.x :Info"),
            IrcMessage.Parse(":s 330 me Bob bobacct :is logged in as"),
            IrcMessage.Parse(":s 317 me Bob 5 1700000000 :idle"),
            IrcMessage.Parse(":s 318 me Bob :End"),
        ]);
        Assert.Equal(("Bob", "b", "host", "Bob Real", "bobacct"), (r!.Nick, r.User, r.Host, r.RealName, r.Account));
        Assert.Equal(["@#a", "+#b"], r.Channels);
        Assert.Equal(TimeSpan.FromSeconds(5), r.Idle);
        Assert.Null(IrcWhoisResult.FromReplies("x", [IrcMessage.Parse(":s 401 me x :No such nick"), IrcMessage.Parse(":s 318 me x :End")]));
    }
}
