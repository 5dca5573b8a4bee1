using Bridges.Email.Bridge;

namespace Bridges.Email.Tests;

/// <summary>The conversions of mail bodies on their own (the end-to-end tests show them through the servers).</summary>
public sealed class MailConverterTests
{
    [Fact]
    public void Html_only_mail_gets_its_visible_text_as_plain_body()
    {
        const string Html = "<html><head><title>T</title><style>x{}</style></head><body><p>First <i>line</i></p><script>evil()</script><p>Second &amp; line</p></body></html>";

        Assert.Equal("First line\nSecond & line", HtmlText.From(Html));
        Assert.Equal("<p>First <i>line</i></p><p>Second &amp; line</p>", HtmlText.BodyOf(Html));
    }

    [Theory]
    [InlineData("Re: Fwd: RE: Lunch", "Lunch")]
    [InlineData("Lunch", "Lunch")]
    [InlineData("Re:Lunch: at noon", "Lunch: at noon")]
    public void Answer_prefixes_are_stripped_from_subjects(string subject, string stripped) =>
        Assert.Equal(stripped, EmailClient.StripReply(subject));
}
