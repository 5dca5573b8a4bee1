namespace Bridges.Core.Relay;

/// <summary>
/// How relayed messages look. Templates replace <c>{displayname}</c>, <c>{userid}</c> and <c>{message}</c>
/// (for files <c>{message}</c> is the file name or caption).
/// </summary>
public sealed class RelayOptions
{
    /// <summary>Whether relaying is allowed at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Only admins may set a relay on a portal (otherwise any user with a login may).</summary>
    public bool AdminOnly { get; set; } = true;

    public string TextTemplate { get; set; } = "<{displayname}> {message}";

    public string EmoteTemplate { get; set; } = "* {displayname} {message}";

    public string NoticeTemplate { get; set; } = "-{displayname}- {message}";

    public string FileTemplate { get; set; } = "{displayname} sent a file: {message}";
}
