using System.Text.RegularExpressions;
using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Commands;

/// <summary>The operator's loop over a running serve: list what was refused, see why, take the bytes, fix them, replay.</summary>
public sealed partial class RejectionsCommandTests : IAsyncLifetime, IDisposable
{
    private const string Invalid = "samples/webhook/referral-invalid.json";
    private const string Valid = "samples/webhook/referral.json";
    private readonly TempDirectory data = new();
    private ServeProcess serve = null!;

    public async Task InitializeAsync() => serve = await ServeProcess.StartAsync(data.Path);

    public async Task DisposeAsync() => await serve.DisposeAsync();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task A_refused_referral_is_listed_shown_taken_back_exactly_fixed_and_replayed()
    {
        var submitted = await ImeBridgeCli.RunAsync("submit", Invalid, "--url", serve.BaseUrl);
        var rejectionId = RejectionIdProperty().Match(submitted.Stdout).Groups["id"].Value;
        Assert.StartsWith("rej_", rejectionId, StringComparison.Ordinal);

        var listed = await Rejections("list");
        var shown = await Rejections("show", rejectionId);
        var original = await ShowOriginalAsync(rejectionId);
        var fixedFile = RepositoryFolders.File(Valid);
        var replayed = await Rejections("replay", rejectionId, "--file", fixedFile);
        var again = await Rejections("replay", rejectionId, "--file", fixedFile);
        var listedAfter = await Rejections("list");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        var line = Assert.Single(listed.StdoutLines);
        Assert.Matches($@"^{rejectionId}  \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ  webhook  demo  msg_\S+  \d+ errors$", line);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("claimant.dateOfBirth: must be a real calendar date written YYYY-MM-DD", shown.StdoutLines);
        Assert.Contains("claim.claimNumber: is required", shown.StdoutLines);
        Assert.Equal(await File.ReadAllBytesAsync(RepositoryFolders.File(Invalid)), original);
        Assert.DoesNotContain("Okonkwo", listed.Stdout + listed.Stderr + shown.Stdout + shown.Stderr, StringComparison.Ordinal);

        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        var referralId = AcceptedLine().Match(replayed.Stdout).Groups["id"].Value;
        Assert.StartsWith("ref_", referralId, StringComparison.Ordinal);
        Assert.Equal($"duplicate {referralId}", Assert.Single(again.StdoutLines));
        var status = await ImeBridgeCli.RunAsync("status", referralId, "--url", serve.BaseUrl);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"\"deliveryId\": \"replay:{rejectionId}\"", status.Stdout, StringComparison.Ordinal);
        Assert.EndsWith($"  replayed -> {referralId}", Assert.Single(listedAfter.StdoutLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replaying_the_unfixed_original_is_refused_again_with_its_reasons_and_a_new_rejection_id()
    {
        var submitted = await ImeBridgeCli.RunAsync("submit", Invalid, "--url", serve.BaseUrl);
        var rejectionId = RejectionIdProperty().Match(submitted.Stdout).Groups["id"].Value;

        var replayed = await Rejections("replay", rejectionId);

        Assert.True(replayed.ExitCode == 1, replayed.ToString());
        Assert.Matches("^rejected rej_", replayed.StdoutLines[0]);
        Assert.NotEqual($"rejected {rejectionId}", replayed.StdoutLines[0]);
        Assert.Contains("claim.claimNumber: is required", replayed.StdoutLines);
        Assert.Equal(2, (await Rejections("list")).StdoutLines.Length);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("replay")]
    public async Task An_unknown_rejection_exits_1_and_says_so(string subcommand)
    {
        var run = await Rejections(subcommand, "rej_does_not_exist");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("no rejection 'rej_does_not_exist'", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    private Task<CliRun> Rejections(params string[] args) => ImeBridgeCli.RunAsync(["rejections", .. args, "--data", data.Path]);

    private async Task<byte[]> ShowOriginalAsync(string rejectionId)
    {
        using var process = System.Diagnostics.Process.Start(ImeBridgeCli.StartInfo(
            RepositoryFolders.Repository,
            ["rejections", "show", rejectionId, "--original", "--data", data.Path]))!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bytes = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(bytes);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        return bytes.ToArray();
    }

    [GeneratedRegex("\"rejectionId\": \"(?<id>[^\"]+)\"")]
    private static partial Regex RejectionIdProperty();

    [GeneratedRegex(@"^accepted (?<id>\S+)$", RegexOptions.Multiline)]
    private static partial Regex AcceptedLine();
}
