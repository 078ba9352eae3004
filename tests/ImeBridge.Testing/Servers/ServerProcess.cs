using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImeBridge.Testing.Servers;

/// <summary>
/// What every real server a test starts needs: a free loopback port, the process started with its output kept
/// for the failure message, a wait for the line that says it listens, and a stop that takes its children too.
/// </summary>
internal static class ServerProcess
{
    /// <summary>A loopback port nothing listens on right now (a server started on it may still lose a race; callers retry).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="executable"/>, appending every line it writes to <paramref name="log"/>.</summary>
    public static Process Start(string executable, IEnumerable<string> arguments, StringBuilder log, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Path.GetFileName(executable)} could not be started.");
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>
    /// Waits until the server has written <paramref name="announcement"/> (its own line rules out another process that
    /// took the port first) and <paramref name="ready"/> holds; false when it exits or <paramref name="timeout"/> passes.
    /// </summary>
    public static bool WaitForAnnouncement(Process process, StringBuilder log, string announcement, TimeSpan timeout, Func<bool>? ready = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                return false;
            }

            bool announced;
            lock (log)
            {
                announced = log.ToString().Contains(announcement, StringComparison.Ordinal);
            }

            if (announced && (ready is null || ready()))
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return false;
    }

    /// <summary>True when something accepts a TCP connection on the loopback <paramref name="port"/>.</summary>
    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Kills the process and its children (an sshd's sessions, a node server's workers) and waits briefly.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    /// <summary>Deletes a server's folder, leaving it when a file is still held (the next run cleans up).</summary>
    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
