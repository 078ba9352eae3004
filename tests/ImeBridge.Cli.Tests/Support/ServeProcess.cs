using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ImeBridge.Cli.Tests.Support;

/// <summary>
/// A running <c>imebridge serve --urls http://127.0.0.1:0 --data DIR</c>: its address is read from the banner it
/// prints (ready once the whole banner is read). Stop it hard (SIGKILL) or with a signal (SIGTERM / SIGINT, as
/// Ctrl-C or a service manager would).
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly TaskCompletionSource<string> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string? firstUrl;

    private ServeProcess(Process process)
    {
        this.process = process;
    }

    public string BaseUrl { get; private set; } = "";

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public string Stdout
    {
        get
        {
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    public static async Task<ServeProcess> StartAsync(string dataDirectory, params string[] moreArgs)
    {
        string[] args = ["serve", "--urls", "http://127.0.0.1:0", "--data", dataDirectory, .. moreArgs];
        var process = Process.Start(ImeBridgeCli.StartInfo(Path.GetTempPath(), args))!;
        var serve = new ServeProcess(process);
        process.OutputDataReceived += (_, e) => serve.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => Append(serve.stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(serve.listening.Task, exited, Task.Delay(ImeBridgeCli.Timeout));
        if (first != serve.listening.Task)
        {
            await serve.DisposeAsync();
            throw new InvalidOperationException($"imebridge serve did not start listening.\n--- stdout\n{serve.Stdout}\n--- stderr\n{serve.Stderr}");
        }

        serve.BaseUrl = await serve.listening.Task;
        return serve;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up (Process.Kill on Linux).</summary>
    public async Task KillHardAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>Sends a signal with <c>kill -SIGNAL pid</c> and returns the exit code once the process has stopped.</summary>
    public async Task<int> SignalAndWaitAsync(string signal)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using var timeout = new CancellationTokenSource(ImeBridgeCli.Timeout);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void OnStdout(string? line)
    {
        Append(stdout, line);
        if (line is not null && ListeningLine().Match(line) is { Success: true } match && firstUrl is null)
        {
            firstUrl = match.Groups["url"].Value;
        }

        // The banner's last line: everything above it has been read.
        if (line is not null && firstUrl is not null && line.StartsWith("Press Ctrl-C", StringComparison.Ordinal))
        {
            listening.TrySetResult(firstUrl);
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    [GeneratedRegex(@"listening on (?<url>https?://\S+)")]
    private static partial Regex ListeningLine();
}
