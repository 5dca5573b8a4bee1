using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Bridges.Matrix.Registration;

namespace Bridges.Hosting.Tests;

public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("bridges-cli-");

    [Fact]
    public async Task Generate_registration_writes_what_the_config_says()
    {
        var config = Write("config.yaml", "homeserver:\n  server_name: example.org\nappservice:\n  public_url: https://bridges.example.org\nbridges:\n  echo:\n    path_prefix: /echo\n    bot_localpart: echobridge\n");
        var output = Path.Combine(_dir.FullName, "registration.yaml");

        var (code, _) = await RunAsync(["generate-registration", "-c", config, "-b", "echo", "-o", output]);

        Assert.Equal(0, code);
        var registration = RegistrationYaml.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal("https://bridges.example.org/echo", registration.Url);
        Assert.Equal("echobridge", registration.SenderLocalpart);
        Assert.Equal("bridges-echo", registration.Id);
        Assert.True(registration.IsExclusiveUser(Matrix.Ids.UserId.Parse("@echo_someone:example.org")));
        Assert.False(registration.IsInUserNamespace(Matrix.Ids.UserId.Parse("@echo_someone:other.org")));
        Assert.True(registration.IsInAliasNamespace(Matrix.Ids.RoomAlias.Parse("#echo_room:example.org")));
        Assert.Equal(64, registration.AsToken.Length);
        Assert.NotEqual(registration.AsToken, registration.HsToken);
    }

    [Fact]
    public async Task Check_config_fails_naming_a_misspelt_key()
    {
        var config = Write("config.yaml", "homeserver:\n  url: http://localhost:8008\n  sever_name: example.org\n");

        var (code, output) = await RunAsync(["check-config", "-c", config]);

        Assert.Equal(1, code);
        Assert.Contains("homeserver.sever_name (line 3): unknown key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_names_a_value_out_of_range()
    {
        var config = Write("config.yaml", "homeserver:\n  url: http://localhost:8008\nappservice:\n  port: 70000\n");

        var (code, output) = await RunAsync(["check-config", "-c", config]);

        Assert.Equal(1, code);
        Assert.Contains("appservice.port: must be between 0 and 65535", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_value_out_of_range_exits_naming_its_key()
    {
        var config = Write("config.yaml", $"homeserver:\n  url: http://127.0.0.1:9\nstorage:\n  connection_string: {Path.Combine(_dir.FullName, "run.db")}\nbridges:\n  echo:\n    portal_queue_capacity: 0\n");

        var (code, output) = await RunAsync(["run", "-c", config]);

        Assert.Equal(1, code);
        Assert.Contains("bridges.echo.portal_queue_capacity: must be between 1 and 1000000", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_answers_versions_and_the_appservice_ping()
    {
        var hsPort = FreePort();
        var asPort = FreePort();
        var registrationPath = Path.Combine(_dir.FullName, "echo-registration.yaml");
        var config = Write("config.yaml", $"appservice:\n  port: {asPort}\nmetrics:\n  port: 0\nstorage:\n  connection_string: {Path.Combine(_dir.FullName, "demo.db")}\nbridges:\n  echo:\n    registration: {registrationPath}\n");
        using var process = Start(["demo", "-c", config, "--homeserver-port", hsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var ready = new TaskCompletionSource();
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Stop with", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{hsPort}/") };
            var versions = JsonDocument.Parse(await http.GetStringAsync("_matrix/client/versions")).RootElement;
            Assert.Contains(versions.GetProperty("versions").EnumerateArray(), v => v.GetString() == "v1.11");

            var registration = RegistrationYaml.Parse(await File.ReadAllTextAsync(registrationPath));
            using var ping = new HttpRequestMessage(HttpMethod.Post, $"_matrix/client/v1/appservice/{registration.Id}/ping")
            {
                Content = new StringContent("{\"transaction_id\":\"cli-test\"}", Encoding.UTF8, "application/json"),
            };
            ping.Headers.Authorization = new AuthenticationHeaderValue("Bearer", registration.AsToken);
            using var response = await http.SendAsync(ping);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("duration_ms").GetInt64() >= 0);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("The demo did not start:\n" + output);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Process Start(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bridges.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task<(int Code, string Output)> RunAsync(string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
