using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Commands;

/// <summary>Stopping serve: a signal stops it cleanly; SIGKILL loses nothing that was acknowledged.</summary>
public sealed class ServeLifecycleTests
{
    private const string Sample = "samples/webhook/referral.json";

    [Fact]
    public async Task An_accepted_referral_survives_kill_9_and_a_restart_on_the_same_data_folder()
    {
        using var data = new TempDirectory();
        string referralId;
        await using (var first = await ServeProcess.StartAsync(data.Path))
        {
            var submit = await ImeBridgeCli.RunAsync("submit", Sample, "--url", first.BaseUrl);
            Assert.Equal(202, SubmitOutput.HttpStatus(submit));
            referralId = SubmitOutput.ReferralId(submit);
            await first.KillHardAsync();
        }

        await using var second = await ServeProcess.StartAsync(data.Path);
        var status = await ImeBridgeCli.RunAsync("status", referralId, "--url", second.BaseUrl);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains(referralId, status.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"externalId\": \"ACME-2026-000123\"", status.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_stop_signal_stops_serve_cleanly_with_exit_0_and_the_data_stays(string signal)
    {
        using var data = new TempDirectory();
        string referralId;
        await using (var first = await ServeProcess.StartAsync(data.Path))
        {
            referralId = SubmitOutput.ReferralId(await ImeBridgeCli.RunAsync("submit", Sample, "--url", first.BaseUrl));

            var exitCode = await first.SignalAndWaitAsync(signal);

            Assert.True(exitCode == 0, $"exit {exitCode}\n{first.Stdout}\n{first.Stderr}");
            Assert.DoesNotContain("Unhandled exception", first.Stderr, StringComparison.Ordinal);
        }

        await using var second = await ServeProcess.StartAsync(data.Path);
        var status = await ImeBridgeCli.RunAsync("status", referralId, "--url", second.BaseUrl);
        Assert.True(status.ExitCode == 0, status.ToString());
    }

    [Fact]
    public async Task Without_data_the_folder_is_IMEBRIDGE_DATA()
    {
        using var work = new TempDirectory();
        var chosen = Path.Combine(work.Path, "from-env");

        Assert.True(await ServeCreatesDatabaseAsync(work.Path, chosen, environmentData: chosen));
    }

    [Fact]
    public async Task Without_data_or_IMEBRIDGE_DATA_the_folder_is_dot_imebridge_in_the_working_folder()
    {
        using var work = new TempDirectory();

        Assert.True(await ServeCreatesDatabaseAsync(work.Path, Path.Combine(work.Path, ".imebridge"), environmentData: null));
    }

    private static async Task<bool> ServeCreatesDatabaseAsync(string workingFolder, string expectedDataFolder, string? environmentData)
    {
        var start = ImeBridgeCli.StartInfo(workingFolder, ["serve", "--urls", "http://127.0.0.1:0"]);
        if (environmentData is not null)
        {
            start.Environment["IMEBRIDGE_DATA"] = environmentData;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var database = Path.Combine(expectedDataFolder, "imebridge.db");
        try
        {
            var deadline = DateTimeOffset.UtcNow + ImeBridgeCli.Timeout;
            while (!File.Exists(database) && DateTimeOffset.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }

            return File.Exists(database);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
