using System.Globalization;

namespace Bridges.Irc.Client;

/// <summary>
/// One IRC protocol message: <c>['@' tags SPACE] [':' source SPACE] command params</c> (c2s_structure.md).
/// Immutable. A trailing parameter is just the last parameter: it is not stored specially (the spec says so).
/// </summary>
internal sealed class IrcMessage
{
    private readonly string[] _params;

    public IrcMessage(string command, params string[] parameters)
        : this(IrcTags.Empty, null, command, parameters)
    {
    }

    public IrcMessage(IrcTags tags, string? source, string command, params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentNullException.ThrowIfNull(parameters);
        Tags = tags;
        Source = source;
        Command = command;
        _params = parameters;
    }

    public IrcTags Tags { get; }

    /// <summary>Raw source (prefix) without the leading ':', or null when absent.</summary>
    public string? Source { get; }

    /// <summary>Command verb (upper-cased when parsed) or three-digit numeric.</summary>
    public string Command { get; }

    public IReadOnlyList<string> Params => _params;

    /// <summary>Nick (or server name) of the source, or null when the message has no source.</summary>
    public string? SourceNick => Source is null ? null : IrcSource.Parse(Source).Nick;

    public bool IsNumeric => Command.Length == 3 && char.IsAsciiDigit(Command[0]) && char.IsAsciiDigit(Command[1]) && char.IsAsciiDigit(Command[2]);

    /// <summary>Parameter at <paramref name="index"/> or null when there are fewer parameters.</summary>
    public string? Param(int index) => index >= 0 && index < _params.Length ? _params[index] : null;

    /// <summary>The last parameter (often the "trailing" text) or null when there are none.</summary>
    public string? LastParam => _params.Length == 0 ? null : _params[^1];

    /// <summary>Value of the <c>server-time</c> <c>time</c> tag, when present and valid.</summary>
    public DateTimeOffset? ServerTime =>
        Tags.TryGetValue("time", out var t) && t is not null &&
        DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto)
            ? dto
            : null;

    /// <summary>Value of the <c>msgid</c> tag (message-ids.md).</summary>
    public string? MsgId => Tags["msgid"];

    /// <summary>Value of the <c>batch</c> tag, i.e. the reference of the batch this message belongs to.</summary>
    public string? BatchRef => Tags["batch"];

    /// <summary>Value of the <c>label</c> tag (labeled-response.md).</summary>
    public string? Label => Tags["label"];

    /// <summary>Value of the <c>account</c> tag (account-tag.md).</summary>
    public string? Account => Tags["account"];

    public IrcMessage WithTags(IrcTags tags) => new(tags, Source, Command, _params);

    /// <summary>Parses one line (without CR LF). Throws <see cref="FormatException"/> for a line with no command.</summary>
    public static IrcMessage Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return IrcMessageParser.Parse(System.Text.Encoding.UTF8.GetBytes(line));
    }

    /// <summary>The wire form without CR LF; for content the writer would refuse (CR/LF), a readable
    /// form with those characters escaped, so ToString never throws.</summary>
    public override string ToString()
    {
        try
        {
            return IrcMessageWriter.Format(this, IrcMessageWriter.UnlimitedLength);
        }
        catch (ArgumentException)
        {
            return string.Join(' ', [Command, .. _params]).Replace("\r", "\\r", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal);
        }
    }
}
