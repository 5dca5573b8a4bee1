using System.Globalization;

namespace Bridges.Bench;

/// <summary>Resident set (VmRSS) and managed heap of this process, read after a full blocking, compacting GC.</summary>
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

    private static long Resident()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        // Not Linux: the working set is the closest figure.
        return Environment.WorkingSet;
    }
}
