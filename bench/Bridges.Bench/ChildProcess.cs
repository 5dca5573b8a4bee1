using System.Diagnostics;
using System.Globalization;

namespace Bridges.Bench;

/// <summary>
/// A <c>dotnet &lt;dll&gt;</c> child of the bench (the muxer runs the app in its own process, so the pid is the app's):
/// its output goes to a log file, and its resident set and CPU time are read from outside, so they are its own.
/// Disposing kills it.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _lock = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];
    private readonly Queue<string> _tail = new();
    private bool _closed;

    private ChildProcess(Process process, StreamWriter log, string name)
    {
        _process = process;
        _log = log;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c>, logging its stdout and stderr to <paramref name="logPath"/>.</summary>
    public static ChildProcess Start(string name, string dll, IEnumerable<string> args, string logPath)
    {
        // DOTNET_HOST_PATH is the muxer the SDK runs under; plain "dotnet" from PATH otherwise.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } muxer ? muxer : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, log, name);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            log.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for an output line containing <paramref name="text"/>; false (with a note on stderr) on timeout or exit.</summary>
    public async Task<bool> WaitForLineAsync(string text, TimeSpan timeout, CancellationToken ct)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_tail.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            _waiters.Add((text, seen));
        }

        var exited = _process.WaitForExitAsync(ct);
        var done = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout, ct));
        if (done == seen.Task)
        {
            return true;
        }

        await Console.Error.WriteLineAsync($"{Name}: no \"{text}\" within {timeout.TotalSeconds:0} s{(HasExited ? " (it exited)" : string.Empty)}. Last output:{Environment.NewLine}{Tail()}");
        return false;
    }

    /// <summary>Waits for the process to end, bounded; its exit code, or null (with a note on stderr) on timeout.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{Name}: still running after {timeout.TotalSeconds:0} s.");
            return null;
        }
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail()
    {
        lock (_lock)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    /// <summary>VmRSS from <c>/proc/&lt;pid&gt;/status</c>, in bytes.</summary>
    public long Resident() => ProcessMemory.ResidentOf(_process.Id);

    /// <summary>User plus system CPU time so far (from <c>/proc/&lt;pid&gt;/stat</c>, clock-tick resolution).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>
    /// CPU clock ticks (utime+stime from <c>/proc/&lt;pid&gt;/task/*/stat</c>) of the whole process and of its threads
    /// whose name starts with <paramref name="threadPrefix"/>; (0, 0) without <c>/proc</c>. Threads that ended are not counted.
    /// </summary>
    public (long All, long Named) ThreadTicks(string threadPrefix)
    {
        var tasks = $"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/task";
        if (!System.IO.Directory.Exists(tasks))
        {
            return (0, 0);
        }

        long all = 0, named = 0;
        foreach (var task in System.IO.Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                // "pid (comm) state ...": the name may hold spaces, the fields after it do not.
                var close = stat.LastIndexOf(')');
                var comm = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                all += ticks;
                named += comm.StartsWith(threadPrefix, StringComparison.Ordinal) ? ticks : 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended meanwhile.
            }
        }

        return (all, named);
    }

    /// <summary>Kills the process (and anything it started) and waits for it, bounded.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{Name}: could not be stopped cleanly: {e.Message}");
        }

        _process.Dispose();
        lock (_lock)
        {
            // Output events may still be in flight on the pool.
            _closed = true;
            _log.Dispose();
        }
    }

    /// <summary>Kills the process without waiting: for a signal handler, where nothing may block.</summary>
    public void KillNow()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }

            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} (pid {_process.Id})");
}
