using System.Diagnostics;
using System.Globalization;

namespace ImeBridge.Bench.Batch;

internal static class Measure
{
    public static async Task<(long Rows, TimeSpan Elapsed)> TimeAsync(Func<Task<long>> run, bool diagnostics)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var rows = await run();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (diagnostics)
        {
            Console.WriteLine($"     [cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s over {elapsed.TotalSeconds:F1} s wall]");
        }

        return (rows, elapsed);
    }

    public static double Rate((long Rows, TimeSpan Elapsed) run) => run.Rows / run.Elapsed.TotalSeconds;

    /// <summary>CPU seconds so far per thread name (the SQLite writer, the thread pool, the JIT…), from /proc.</summary>
    public static void PrintThreadCpu()
    {
        var threads = Directory.GetDirectories("/proc/self/task").Select(dir =>
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (Name: name, Ticks: long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        });
        foreach (var group in threads.GroupBy(t => t.Name).OrderByDescending(g => g.Sum(t => t.Ticks)).Take(5))
        {
            Console.WriteLine($"     thread {group.Key} x{group.Count()}: {group.Sum(t => t.Ticks) / 100.0:F1} s cpu");
        }
    }

    /// <summary>Peak resident set size of this process (VmHWM).</summary>
    public static double PeakRssMiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
