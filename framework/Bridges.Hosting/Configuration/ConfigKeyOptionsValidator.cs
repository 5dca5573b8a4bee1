using Microsoft.Extensions.Options;

namespace Bridges.Hosting.Configuration;

/// <summary>
/// Checks the data annotations of one named options instance and of the option classes inside it. It stands in for
/// <c>ValidateDataAnnotations()</c>, whose messages name the C# member; these name the config key, in the dotted
/// form <c>check-config</c> prints (<c>bridges.echo.portal_queue_capacity: must be between 1 and 1000000</c>).
/// </summary>
internal sealed class ConfigKeyOptionsValidator<TOptions>(string optionsName, string path) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (!string.Equals(name ?? Options.DefaultName, optionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = OptionsAnnotations.Validate(options, path);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
