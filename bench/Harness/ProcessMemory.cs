namespace Gtgm.Bench.Harness;

/// <summary>This process's memory as the kernel counts it (Linux /proc/self/status), comparable with a peer's ru_maxrss.</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM) in MiB, or null where /proc is not available.</summary>
    public static double? PeakResidentMiB() => StatusKiB("VmHWM:") / 1024.0;

    /// <summary>
    /// Resets the peak to the current resident size (writing 5 to /proc/self/clear_refs, Linux 4.0+), so that a
    /// benchmark's peak is its own and not that of whatever ran before it in this process. False where unsupported.
    /// </summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Current resident set size (VmRSS) in MiB, or null where /proc is not available.</summary>
    public static double? ResidentMiB() => StatusKiB("VmRSS:") / 1024.0;

    /// <summary>
    /// Minor page faults of this process so far (/proc/self/stat field 10): each is a first touch of a page,
    /// mostly of freshly allocated memory, so the count shows how much new memory a phase had to fault in.
    /// </summary>
    public static long? MinorFaults()
    {
        const string path = "/proc/self/stat";
        if (!File.Exists(path)) return null;
        string stat = File.ReadAllText(path);
        // Fields after the command name, which is in parentheses and may itself contain spaces: state is field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[10 - 3], System.Globalization.CultureInfo.InvariantCulture);
    }

    static double? StatusKiB(string key)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return null;
        foreach (string line in File.ReadLines(path))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return double.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return null;
    }
}
