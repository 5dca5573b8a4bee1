namespace Bridges.Matrix.Events;

/// <summary><c>msgtype</c> values of <c>m.room.message</c>.</summary>
public static class MessageTypes
{
    public const string Text = "m.text";
    public const string Notice = "m.notice";
    public const string Emote = "m.emote";
    public const string Image = "m.image";
    public const string File = "m.file";
    public const string Audio = "m.audio";
    public const string Video = "m.video";
    public const string Location = "m.location";

    /// <summary>The <c>format</c> value for HTML bodies.</summary>
    public const string HtmlFormat = "org.matrix.custom.html";

    /// <summary>True for the msgtypes that carry a media <c>url</c>.</summary>
    public static bool IsMedia(string? msgtype) => msgtype is Image or File or Audio or Video;
}
