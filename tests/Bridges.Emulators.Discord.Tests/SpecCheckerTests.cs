using System.Text.Json;
using Bridges.Emulators.Discord.Validation;

namespace Bridges.Emulators.Discord.Tests;

/// <summary>The schema checker itself: it must catch what the emulator's answers are checked for.</summary>
public sealed class SpecCheckerTests
{
    private static readonly OpenApiSpec Spec = OpenApiSpec.Load();

    [Fact]
    public void A_user_missing_required_fields_with_a_bad_snowflake_is_refused()
    {
        using var user = JsonDocument.Parse("""{"id":"12ab","username":"alice"}""");

        var problems = Spec.CheckComponent("UserResponse", user.RootElement);

        Assert.Contains(problems, p => p.StartsWith("$.id:", StringComparison.Ordinal) && p.Contains("does not match", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "$.discriminator: required property is missing");
    }

    [Fact]
    public void Operations_are_found_by_method_and_path_with_literals_first()
    {
        var me = Spec.Find("GET", ["users", "@me"]);
        var other = Spec.Find("GET", ["users", "80351110224678912"]);
        var reaction = Spec.Find("PUT", ["channels", "1", "messages", "2", "reactions", "name:3", "@me"]);

        Assert.Equal("get_my_user", me!.Id);
        Assert.Equal("get_user", other!.Id);
        Assert.Equal("80351110224678912", other.Parameters["user_id"]);
        Assert.Equal("add_my_message_reaction", reaction!.Id);
        Assert.Equal("name:3", reaction.Parameters["emoji_name"]);
        Assert.Null(Spec.Find("GET", ["no", "such", "route"]));
    }
}
