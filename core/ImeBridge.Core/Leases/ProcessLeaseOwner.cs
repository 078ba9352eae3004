using System.Diagnostics;
using System.Globalization;

namespace ImeBridge.Core.Leases;

/// <summary>
/// Lease owner names that say which process holds a lease: <c>machine:pid:start-ticks:instance</c>. A holder on this
/// machine whose process is no longer running (killed, crashed) can then be recognised as gone and its lease taken
/// over at once instead of after it expires. A holder on another machine is never judged gone here.
/// </summary>
public static class ProcessLeaseOwner
{
    private static readonly string ThisMachine = Environment.MachineName;

    /// <summary>A new owner name for an instance in this process.</summary>
    public static string NewOwner()
    {
        using var self = Process.GetCurrentProcess();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{ThisMachine}:{Environment.ProcessId}:{self.StartTime.ToUniversalTime().Ticks}:{Guid.NewGuid():N}");
    }

    /// <summary>True when <paramref name="owner"/> names a process of this machine that is not running any more.</summary>
    public static bool IsGone(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var parts = owner.Split(':');
        if (parts.Length != 4
            || !string.Equals(parts[0], ThisMachine, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var startTicks))
        {
            return false;
        }

        // The same pid reused by a later process is not the holder.
        return !IsRunning(pid, startTicks);
    }

    /// <summary>
    /// True while process <paramref name="pid"/> of this machine runs and, when <paramref name="startTicks"/> is given
    /// (UTC ticks), is the process that started then rather than a later one given the same pid.
    /// </summary>
    public static bool IsRunning(int pid, long? startTicks = null)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && (startTicks is null || process.StartTime.ToUniversalTime().Ticks == startTicks);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // It exited between the look-up and the read of its start time.
            return false;
        }
    }
}
