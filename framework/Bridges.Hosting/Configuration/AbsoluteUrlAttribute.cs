using System.ComponentModel.DataAnnotations;

namespace Bridges.Hosting.Configuration;

/// <summary>An optional setting that, when set, must be an absolute http or https URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AbsoluteUrlAttribute : ValidationAttribute
{
    public AbsoluteUrlAttribute()
        : base("must be an absolute http:// or https:// URL")
    {
    }

    public override bool IsValid(object? value) =>
        value is null or "" || value is string text && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
