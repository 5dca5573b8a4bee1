using Bridges.Bench;

// One line per figure: "name value unit". See bench/README.md for what each figure means and its target.
var only = args.Length > 0 ? args[0] : null;
if (only is null or "ingest")
{
    await IngestBenchmark.RunAsync();
}

if (only is null or "irc")
{
    await IrcBenchmarks.RunAsync(CancellationToken.None);
}

// The host in its own process, beside a homeserver process: host-only memory and CPU.
if (only is null or "host")
{
    await HostProcessBenchmark.RunAsync(CancellationToken.None);
}

if (only is null or "storage")
{
    await StorageBenchmarks.RunAsync();
}

if (only is null or "email")
{
    await EmailBenchmark.RunAsync(CancellationToken.None);
}

if (only is null or "discord")
{
    await DiscordBenchmark.RunAsync(CancellationToken.None);
}
