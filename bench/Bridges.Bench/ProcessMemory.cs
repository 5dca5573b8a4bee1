using System.Globalization;

namespace Bridges.Bench;

/// <summary>Resident set (VmRSS) and managed heap of this process, read after a full blocking, compacting GC; VmRSS of a child.</summary>
internal static class ProcessMemory
{
    public const double Megabyte = 1024 * 1024;

    /// <summary>Collects everything collectable, then reads the resident set and the managed heap in bytes.</summary>
    public static (long Resident, long Managed) Measure()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return (Resident(), GC.GetTotalMemory(forceFullCollection: false));
    }

    /// <summary>VmRSS of process <paramref name="pid"/> in bytes, as the kernel counts it (no GC is forced there).</summary>
    public static long ResidentOf(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.WorkingSet64;
        }

        return Resident(pid.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// VmRSS of <paramref name="pid"/> split as the kernel counts it, in bytes: anonymous (GC and native heaps, stacks),
    /// file-backed (mapped runtime, framework and native library images, shared with other processes mapping them) and
    /// shared memory (the JIT's double-mapped code). Null where there is no <c>/proc</c>.
    /// </summary>
    public static (long Anon, long File, long Shmem)? ResidentPartsOf(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var values = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status")
            .Select(line => line.Split(':', 2))
            .Where(kv => kv.Length == 2 && (kv[0] is "RssAnon" or "RssFile" or "RssShmem"))
            .ToDictionary(kv => kv[0], kv => long.Parse(kv[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024);
        return (values.GetValueOrDefault("RssAnon"), values.GetValueOrDefault("RssFile"), values.GetValueOrDefault("RssShmem"));
    }

    private static long Resident(string pid = "self")
    {
        if (!OperatingSystem.IsLinux())
        {
            // Not Linux: the working set is the closest figure.
            return Environment.WorkingSet;
        }

        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line.");
    }
}
