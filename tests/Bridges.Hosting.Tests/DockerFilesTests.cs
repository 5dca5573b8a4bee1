using System.Text.RegularExpressions;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace Bridges.Hosting.Tests;

/// <summary>No container engine runs here, so the Docker files are checked for what can be checked statically.</summary>
public sealed partial class DockerFilesTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Dockerfile_publishes_an_existing_project_whose_output_it_runs()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "docker", "Dockerfile"));

        var project = PublishedProject().Match(dockerfile).Groups[1].Value;
        var entryDll = EntryPoint().Match(dockerfile).Groups[1].Value;

        Assert.True(File.Exists(Path.Combine(Root, project)), $"{project} does not exist");
        var assemblyName = XDocument.Load(Path.Combine(Root, project)).Descendants("AssemblyName").Single().Value;
        Assert.Equal(assemblyName + ".dll", entryDll);
        Assert.Contains("USER bridges", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_file_parses_and_wires_the_host_to_synapse_and_postgres()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "docker", "docker-compose.yml"))));

        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var names = services.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        Assert.Equal(["postgres", "synapse", "ircd", "bridges"], names);
        var bridges = (YamlMappingNode)services["bridges"];
        var environment = (YamlMappingNode)bridges["environment"];
        Assert.Equal("http://synapse:8008", ((YamlScalarNode)environment["BRIDGES__HOMESERVER__URL"]).Value);
        Assert.Equal("postgres", ((YamlScalarNode)environment["BRIDGES__STORAGE__BACKEND"]).Value);
        var build = (YamlMappingNode)bridges["build"];
        Assert.True(File.Exists(Path.Combine(Root, "docker", ((YamlScalarNode)build["context"]).Value!, ((YamlScalarNode)build["dockerfile"]).Value!)));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bridges.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bridges.sln not found above the test output.");
    }

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex("ENTRYPOINT \\[\"dotnet\", \"/app/([^\"]+)\"\\]")]
    private static partial Regex EntryPoint();
}
