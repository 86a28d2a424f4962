using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CiteEmploi.Bench;

/// <summary>
/// The calling thread's processor time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), in <see cref="Stopwatch"/> ticks so
/// <see cref="LatencySummary"/> can summarise it; null elsewhere. On a shared machine the wall-clock time of a call also
/// counts the time other processes held the processor; this counts only the call's own work.
/// </summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static long? Ticks()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            return null;
        }
        var nanoseconds = (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
        return (long)(nanoseconds * (Stopwatch.Frequency / 1e9));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
