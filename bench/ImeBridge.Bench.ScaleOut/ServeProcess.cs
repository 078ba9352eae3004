using System.Diagnostics;
using System.Globalization;

namespace ImeBridge.Bench.ScaleOut;

/// <summary>
/// One <c>imebridge serve --store postgres --bus servicebus</c> child process on its own port and data folder, its
/// output appended to <c>serve.log</c> in that folder. It can be killed (SIGKILL, as <c>kill -9</c>) and started
/// again on the same port and folder.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private static readonly HttpClient HealthClient = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly string cliDll;
    private readonly string configFile;
    private readonly object logGate = new();
    private Process? process;
    private StreamWriter? log;

    public ServeProcess(int index, string cliDll, string dataFolder, string configFile, int port)
    {
        Index = index;
        this.cliDll = cliDll;
        this.configFile = configFile;
        DataFolder = dataFolder;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public int Index { get; }

    public int Port { get; }

    public string DataFolder { get; }

    public Uri BaseAddress { get; }

    public int? ProcessId => process?.Id;

    public async Task StartAsync(TimeSpan limit)
    {
        Directory.CreateDirectory(DataFolder);
        log ??= new StreamWriter(Path.Combine(DataFolder, "serve.log"), append: true) { AutoFlush = true };
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            cliDll, "serve", "--urls", BaseAddress.ToString().TrimEnd('/'), "--data", DataFolder, "--config", configFile,
            "--store", "postgres", "--bus", "servicebus",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitHealthyAsync(limit);
    }

    /// <summary>SIGKILL: no shutdown hook runs, locks held on the bus and in PostgreSQL are simply abandoned.</summary>
    public void Kill()
    {
        process!.Kill(entireProcessTree: false);
        process.WaitForExit();
        Append($"--- killed (SIGKILL) at {TimeProvider.System.GetUtcNow():O}");
    }

    /// <summary>SIGTERM, as Ctrl-C: the host stops its pumps cleanly.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
        lock (logGate)
        {
            log?.Dispose();
            log = null;
        }
    }

    private async Task WaitHealthyAsync(TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"serve #{Index} exited with {process.ExitCode} while starting; see {Path.Combine(DataFolder, "serve.log")}");
            }

            try
            {
                using var response = await HealthClient.GetAsync(new Uri(BaseAddress, "health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"serve #{Index} did not answer /health within {limit.TotalSeconds:F0} s");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logGate)
        {
            log?.WriteLine(line);
        }
    }
}
