using System.Text.RegularExpressions;

namespace Bridges.Matrix.Registration;

/// <summary>One namespace entry: a regular expression and whether the claim is exclusive.</summary>
public sealed class RegistrationNamespace
{
    private Regex? _compiled;
    private string? _compiledFrom;

    /// <summary>Whether no one else may use ids matching <see cref="Regex"/>.</summary>
    public bool Exclusive { get; set; }

    /// <summary>The pattern, matched against the whole id.</summary>
    public required string Regex { get; set; }

    /// <summary>True when <paramref name="id"/> matches the whole pattern.</summary>
    public bool IsMatch(string id)
    {
        // Whole-id matching is stricter than Synapse's start-anchored match, so we never claim more than intended.
        if (_compiled is null || !ReferenceEquals(_compiledFrom, Regex))
        {
            _compiled = new Regex($"^(?:{Regex})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            _compiledFrom = Regex;
        }

        return _compiled.IsMatch(id);
    }
}
