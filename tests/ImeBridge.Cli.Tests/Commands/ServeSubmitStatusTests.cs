using ImeBridge.Cli.Tests.Support;

namespace ImeBridge.Cli.Tests.Commands;

/// <summary>The README walk-through: serve, submit the sample, read it back with status.</summary>
public sealed class ServeSubmitStatusTests : IAsyncLifetime, IDisposable
{
    private const string Sample = "samples/webhook/referral.json";
    private readonly TempDirectory data = new();
    private ServeProcess serve = null!;

    public async Task InitializeAsync() => serve = await ServeProcess.StartAsync(data.Path);

    public async Task DisposeAsync() => await serve.DisposeAsync();

    public void Dispose() => data.Dispose();

    [Fact]
    public void The_banner_says_where_it_listens_where_its_data_is_and_how_to_try_it()
    {
        Assert.StartsWith("http://127.0.0.1:", serve.BaseUrl, StringComparison.Ordinal);
        Assert.Contains(data.Path, serve.Stdout, StringComparison.Ordinal);
        Assert.Contains("whsec_", serve.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo-read-token", serve.Stdout, StringComparison.Ordinal);
        Assert.Contains("try: imebridge submit samples/webhook/referral.json", serve.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data.Path, "imebridge.db")));
    }

    [Fact]
    public async Task Submit_is_accepted_status_shows_it_and_the_same_delivery_again_is_200_with_the_same_id()
    {
        var webhookId = "msg_" + Guid.NewGuid().ToString("N");

        var first = await ImeBridgeCli.RunAsync("submit", Sample, "--url", serve.BaseUrl, "--webhook-id", webhookId);
        var referralId = SubmitOutput.ReferralId(first);
        var status = await ImeBridgeCli.RunAsync("status", referralId, "--url", serve.BaseUrl);
        var again = await ImeBridgeCli.RunAsync("submit", Sample, "--url", serve.BaseUrl, "--webhook-id", webhookId);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(202, SubmitOutput.HttpStatus(first));
        Assert.Contains($"curl -H \"Authorization: Bearer demo-read-token-for-development-only\" {serve.BaseUrl}/api/referrals/{referralId}", first.Stdout, StringComparison.Ordinal);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(200, SubmitOutput.HttpStatus(status));
        Assert.Contains("\"externalId\": \"ACME-2026-000123\"", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"timeline\"", status.Stdout, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(200, SubmitOutput.HttpStatus(again));
        Assert.Equal(referralId, SubmitOutput.ReferralId(again));
        Assert.DoesNotContain("Okonkwo", serve.Stdout + serve.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("1981-07-14", serve.Stdout + serve.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_referral_is_answered_400_and_submit_exits_1()
    {
        var run = await ImeBridgeCli.RunAsync("submit", "samples/webhook/referral-invalid.json", "--url", serve.BaseUrl);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(400, SubmitOutput.HttpStatus(run));
        Assert.Contains("claimant.dateOfBirth", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_an_unknown_referral_is_404_and_exit_1()
    {
        var run = await ImeBridgeCli.RunAsync("status", "ref_does_not_exist", "--url", serve.BaseUrl);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(404, SubmitOutput.HttpStatus(run));
    }

    [Fact]
    public async Task A_partner_the_server_does_not_know_is_answered_404()
    {
        using var temp = new TempDirectory();
        var config = await ConfigFiles.WriteAcmeAsync(temp);

        var run = await ImeBridgeCli.RunAsync("submit", Sample, "--url", serve.BaseUrl, "--partner", ConfigFiles.AcmeId, "--config", config);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(404, SubmitOutput.HttpStatus(run));
    }
}
