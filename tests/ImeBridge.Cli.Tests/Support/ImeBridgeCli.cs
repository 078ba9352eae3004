using System.Diagnostics;
using System.Reflection;

namespace ImeBridge.Cli.Tests.Support;

/// <summary>The output of one finished <c>imebridge</c> run.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the real built CLI (<c>dotnet imebridge.dll …</c>) as a child process. The dll's path is recorded in this
/// assembly's metadata at build time from the CLI project's own TargetPath, so it follows the build configuration.
/// </summary>
internal static class ImeBridgeCli
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string DllPath { get; } = FindDll();

    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("IMEBRIDGE_DATA");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_URLS");
        return start;
    }

    /// <summary>Runs imebridge to completion (from the repository root unless told otherwise).</summary>
    public static async Task<CliRun> RunAsync(params string[] args) => await RunInAsync(RepositoryFolders.Repository, args);

    public static async Task<CliRun> RunInAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"imebridge {string.Join(' ', args)} did not finish within {Timeout}.");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private static string FindDll()
    {
        var recorded = typeof(ImeBridgeCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "ImeBridgeCliPath")?.Value;
        if (string.IsNullOrEmpty(recorded) || !File.Exists(recorded))
        {
            throw new FileNotFoundException($"The built CLI was not found at '{recorded}'; build tests/ImeBridge.Cli.Tests (it builds cli/ImeBridge.Cli first).");
        }

        return recorded;
    }
}
