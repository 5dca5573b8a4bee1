using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Bridges.Hosting.Configuration;

/// <summary>
/// Runs the data annotations of an options object and, recursively, of the Bridges option classes it holds (directly,
/// in lists and in dictionaries), and names each failure with the config key in YAML form.
/// </summary>
internal static partial class OptionsAnnotations
{
    public static IReadOnlyList<string> Validate(object options, string path)
    {
        var failures = new List<string>();
        Walk(options, path, failures, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return failures;
    }

    /// <summary>The YAML key of a property: <c>PortalQueueCapacity</c> → <c>portal_queue_capacity</c>.</summary>
    public static string YamlKey(string member) => WordStart().Replace(member, "_$1").ToLowerInvariant();

    private static void Walk(object value, string path, List<string> failures, HashSet<object> seen)
    {
        if (!seen.Add(value))
        {
            return;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
            foreach (var member in members)
            {
                failures.Add($"{(member.Length == 0 ? path : path + "." + YamlKey(member))}: {result.ErrorMessage}");
            }
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0 || property.GetValue(value) is not { } child)
            {
                continue;
            }

            var childPath = path + "." + YamlKey(property.Name);
            if (IsOptionsClass(child.GetType()))
            {
                Walk(child, childPath, failures, seen);
            }
            else if (child is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Value is { } item && IsOptionsClass(item.GetType()))
                    {
                        // Dictionary keys are data (network ids, user ids): written as they are.
                        Walk(item, $"{childPath}.{entry.Key}", failures, seen);
                    }
                }
            }
            else if (child is IList list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is { } item && IsOptionsClass(item.GetType()))
                    {
                        Walk(item, $"{childPath}[{i}]", failures, seen);
                    }
                }
            }
        }
    }

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Bridges.", StringComparison.Ordinal) == true;

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
