using System.Diagnostics;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class StandaloneServerTests
{
    [Fact]
    public async Task Server_process_prints_its_url_serves_and_stops_on_sigterm()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var registration = Path.Combine(Path.GetTempPath(), $"reg-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(registration, """
            id: tg
            url: null
            as_token: as_tg
            hs_token: hs_tg
            sender_localpart: tgbot
            namespaces:
              users:
                - exclusive: true
                  regex: '@tg_.*:example.test'
            """);
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         Path.Combine(AppContext.BaseDirectory, "bridges-test-homeserver.dll"),
                         "--server-name", "example.test", "--registration", registration,
                     })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            try
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.NotNull(line);
                Assert.Matches(@"^listening on http://127\.0\.0\.1:\d+$", line);
                using var http = new MatrixHttp(new Uri(line["listening on ".Length..]));
                var me = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/account/whoami", null, "as_tg");
                Assert.Equal("@tgbot:example.test", me["user_id"]!.GetValue<string>());

                // SIGTERM, as a service manager would send it.
                using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                    Assert.Equal(0, kill.ExitCode);
                }

                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
                Assert.Equal(0, process.ExitCode);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
        }
        finally
        {
            File.Delete(registration);
        }
    }
}
