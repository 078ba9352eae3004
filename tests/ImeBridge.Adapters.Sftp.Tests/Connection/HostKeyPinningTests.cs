using ImeBridge.Adapters.Sftp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Sftp.Tests.Connection;

public sealed class HostKeyPinningTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task A_server_presenting_another_host_key_is_refused_before_any_file_is_touched()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, sftp: new Dictionary<string, string?> { ["hostKeySha256"] = TestPartner.ForeignHostKey });
        bed.Drop("batch.csv", CanonicalCsv.Rows(1));

        var refused = await Assert.ThrowsAsync<SftpHostKeyMismatchException>(() => bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None));

        Assert.Equal(TestPartner.Id, refused.PartnerId);
        Assert.Equal(TestPartner.ForeignHostKey, refused.Expected);
        Assert.Equal(sshd.Server.HostKeySha256, refused.Observed);
        Assert.Equal(["batch.csv"], SftpTestBed.Names(bed.Inbound));
        Assert.Equal(["inbound"], Directory.GetFileSystemEntries(bed.Folders.PartnerRoot).Select(Path.GetFileName));
        Assert.Empty(Directory.GetDirectories(bed.Inbound));
        Assert.Equal(0, bed.CountStoredReferrals());

        var alert = Assert.Single(bed.Logs.GetSnapshot(), r => r.Level == LogLevel.Critical);
        Assert.Equal("SftpHostKeyMismatch", alert.Id.Name);
        Assert.Equal(SftpLogEvents.HostKeyMismatch.Id, alert.Id.Id);
        Assert.Equal(TestPartner.Id, alert.GetStructuredStateValue("PartnerId"));
        Assert.Equal(TestPartner.ForeignHostKey, alert.GetStructuredStateValue("ExpectedFingerprint"));
        Assert.Equal(sshd.Server.HostKeySha256, alert.GetStructuredStateValue("ObservedFingerprint"));
    }

    [Fact]
    public async Task The_pinned_fingerprint_may_be_given_without_its_SHA256_prefix()
    {
        var bare = sshd.Server.HostKeySha256[HostKeyFingerprint.Prefix.Length..];
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, sftp: new Dictionary<string, string?> { ["hostKeySha256"] = bare });
        bed.Drop("batch.csv", CanonicalCsv.Rows(1));

        var summary = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal(1, summary.FilesTaken);
    }

    [Fact]
    public async Task A_mismatch_fails_that_partner_only_and_the_run_polls_the_others()
    {
        var other = "bravo";
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, configuration: new Dictionary<string, string?>
        {
            ["partners:1:id"] = other,
            ["partners:1:kind"] = "tpa",
            ["partners:1:webhookSecret"] = TestPartner.WebhookSecret,
            ["partners:1:apiToken"] = "bravo-read-token-for-tests",
            ["partners:1:sftp:host"] = sshd.Server.Host,
            ["partners:1:sftp:port"] = sshd.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["partners:1:sftp:username"] = sshd.Server.UserName,
            ["partners:1:sftp:privateKeyFile"] = sshd.Server.ClientPrivateKeyFile,
            ["partners:1:sftp:hostKeySha256"] = TestPartner.ForeignHostKey,
            ["partners:1:sftp:inboundFolder"] = "/nonexistent-partner-folder",
        });
        bed.Drop("batch.csv", CanonicalCsv.Rows(2));

        var results = await bed.Services.GetRequiredService<SftpPollRunner>().RunDueAsync(CancellationToken.None);

        var acme = Assert.Single(results, r => r.PartnerId == TestPartner.Id);
        Assert.True(acme.Succeeded);
        Assert.Equal(2, acme.Summary!.Records);
        var bravo = Assert.Single(results, r => r.PartnerId == other);
        Assert.IsType<SftpHostKeyMismatchException>(bravo.Error);
        Assert.Equal(2, bed.CountStoredReferrals());
    }
}
