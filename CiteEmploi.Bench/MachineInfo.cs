using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace CiteEmploi.Bench;

/// <summary>Describes the machine a run happened on, so figures pasted into the docs say where they come from.</summary>
public static class MachineInfo
{
    public static void Write(TextWriter output)
    {
        output.WriteLine("## Machine");
        output.WriteLine();
        output.WriteLine($"- Processor: {ProcessorModel()}");
        output.WriteLine($"- Cores (logical, as seen by .NET): {Environment.ProcessorCount}");
        output.WriteLine($"- Memory: {MemoryTotal()}");
        output.WriteLine($"- OS: {OperatingSystemName()} ({RuntimeInformation.OSArchitecture})");
        output.WriteLine($"- .NET: {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {BuildConfiguration} build");
        output.WriteLine($"- Date (UTC): {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");
        output.WriteLine();
    }

    /// <summary>"Release" or "Debug": figures from a Debug build are not worth recording.</summary>
    public static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static string ProcessorModel()
    {
        // x86 reports "model name"; some ARM kernels only give "Hardware" or "Processor".
        var model = ProcFileValue("/proc/cpuinfo", "model name")
            ?? ProcFileValue("/proc/cpuinfo", "Hardware")
            ?? ProcFileValue("/proc/cpuinfo", "Processor");
        return model ?? $"unknown ({RuntimeInformation.ProcessArchitecture})";
    }

    private static string MemoryTotal()
    {
        var total = ProcFileValue("/proc/meminfo", "MemTotal");
        if (total is not null && long.TryParse(total.Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), out var kib))
        {
            return $"{kib / 1024.0 / 1024.0:0.0} GiB";
        }
        return $"unknown (GC sees {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0:0.0} GiB)";
    }

    private static string OperatingSystemName()
    {
        var pretty = ProcFileValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : null;
        return kernel is null ? pretty : $"{pretty}, Linux kernel {kernel}";
    }

    private static string? ProcFileValue(string path, string key, char separator = ':')
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            foreach (var line in File.ReadLines(path))
            {
                var at = line.IndexOf(separator, StringComparison.Ordinal);
                if (at > 0 && string.Equals(line[..at].Trim(), key, StringComparison.Ordinal))
                {
                    return line[(at + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
            // a description is nice to have, never a reason to fail a run
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }
}
