using System.Text.RegularExpressions;

namespace Bridges.Testing.Homeserver;

/// <summary>One entry of a registration's <c>namespaces.users</c>, <c>aliases</c> or <c>rooms</c> list.</summary>
public sealed class AppServiceNamespace
{
    private readonly Regex _regex;

    /// <summary>Creates a namespace.</summary>
    /// <param name="regex">The regular expression; like Synapse, it must match from the start of the id.</param>
    /// <param name="exclusive">Whether only this appservice may use ids in the namespace.</param>
    public AppServiceNamespace(string regex, bool exclusive)
    {
        ArgumentNullException.ThrowIfNull(regex);
        Regex = regex;
        Exclusive = exclusive;
        _regex = new Regex("^(?:" + regex + ")", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The regular expression as written in the registration.</summary>
    public string Regex { get; }

    /// <summary>Whether the namespace is exclusive to this appservice.</summary>
    public bool Exclusive { get; }

    /// <summary>True when <paramref name="id"/> falls in this namespace.</summary>
    public bool Matches(string id) => _regex.IsMatch(id);
}
