using System.CommandLine;
using Bridges.Host;

var configOption = new Option<string>("--config", "-c") { Description = "Path of the YAML config file.", DefaultValueFactory = _ => "config.yaml" };
var root = new RootCommand("Bridges: Matrix bridges for IRC, Telegram, Discord and email, in one host.");

var run = new Command("run", "Run every enabled bridge (or the demo homeserver when no homeserver is configured).") { configOption };
var networkOption = new Option<string?>("--bridge", "-b") { Description = "Run only this bridge." };
run.Options.Add(networkOption);
run.SetAction((result, ct) => Commands.RunAsync(result.GetValue(configOption)!, result.GetValue(networkOption), demo: false, ct));
root.Subcommands.Add(run);

var demo = new Command("demo", "Run the in-process homeserver and every bridge on SQLite, and print how to connect a Matrix client.") { configOption };
var portOption = new Option<int>("--homeserver-port") { Description = "Port of the demo homeserver.", DefaultValueFactory = _ => 8008 };
demo.Options.Add(portOption);
demo.SetAction((result, ct) => Commands.RunAsync(result.GetValue(configOption)!, null, demo: true, ct, result.GetValue(portOption)));
root.Subcommands.Add(demo);

var output = new Option<string>("--output", "-o") { Description = "Where to write the registration.", Required = true };
var bridgeName = new Option<string>("--bridge", "-b") { Description = "The bridge (network) to register.", Required = true };
var extraUsers = new Option<string[]>("--extra-user-regex") { Description = "Extra non-exclusive user namespaces (double puppeting, test users).", AllowMultipleArgumentsPerToken = true };
var generate = new Command("generate-registration", "Write a registration file with fresh tokens, consistent with the config.") { configOption, output, bridgeName, extraUsers };
generate.SetAction((result, ct) => Commands.GenerateRegistrationAsync(result.GetValue(configOption)!, result.GetValue(bridgeName)!, result.GetValue(output)!, result.GetValue(extraUsers) ?? [], ct));
root.Subcommands.Add(generate);

var check = new Command("check-config", "Check the config file: unknown keys, wrong values, colliding bridges. Exits non-zero on problems.") { configOption };
check.SetAction((result, ct) => Commands.CheckConfigAsync(result.GetValue(configOption)!, values: true, ct));
root.Subcommands.Add(check);

var migrate = new Command("migrate", "Apply pending database migrations and exit.") { configOption };
migrate.SetAction((result, ct) => Commands.MigrateAsync(result.GetValue(configOption)!, ct));
root.Subcommands.Add(migrate);

var version = new Command("version", "Print the version.");
version.SetAction(_ => Console.WriteLine($"bridges {typeof(Commands).Assembly.GetName().Version}"));
root.Subcommands.Add(version);

// Regexes such as @e2e_.*:server start with @, which must not be read as a response file name.
return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync();
