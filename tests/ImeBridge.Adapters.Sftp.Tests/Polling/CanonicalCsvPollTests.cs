using System.Security.Cryptography;
using ImeBridge.Adapters.Sftp.Tests.Support;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.Sftp.Tests.Polling;

public sealed class CanonicalCsvPollTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task A_canonical_csv_becomes_referrals_with_both_acks_and_the_file_archived()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        var content = CanonicalCsv.File(CanonicalCsv.Row(1), CanonicalCsv.BadStateRow(2), CanonicalCsv.Row(3));
        bed.Drop("referrals-2026-11-27.csv", content);

        var summary = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal(new SftpPollSummary(TestPartner.Id, true, 1, 0, 0, 3, 2, 0, 1), summary);
        Assert.Empty(SftpTestBed.Names(bed.Inbound));
        Assert.Empty(SftpTestBed.Names(bed.Processing));
        Assert.Equal(["referrals-2026-11-27.csv"], SftpTestBed.Names(bed.Archive));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(bed.Archive, "referrals-2026-11-27.csv")));

        var ack = AckFiles.Read(bed.Ack, "referrals-2026-11-27.csv");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), ack.Json.GetProperty("sha256").GetString());
        Assert.True(ack.Json.GetProperty("complete").GetBoolean());
        foreach (var row in new[] { 1, 3 })
        {
            var referralId = ack.Row(row).GetProperty("referralId").GetString()!;
            var stored = await bed.Referrals.GetAsync(referralId, CancellationToken.None);
            Assert.Equal($"EXT-{row:D6}", stored!.Referral.Source.ExternalId);
            Assert.Equal("sftp", stored.Referral.Source.Channel);
            Assert.Contains(ack.CsvLines, line => line.StartsWith($"{row},EXT-{row:D6},accepted,{referralId}", StringComparison.Ordinal));
        }

        var rejected = ack.Row(2);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var error = Assert.Single(rejected.GetProperty("errors").EnumerateArray());
        Assert.Equal("claim.jurisdiction", error.GetProperty("path").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("reason").GetString()));
        Assert.Contains(ack.CsvLines, line => line.StartsWith("2,EXT-000002,rejected,,", StringComparison.Ordinal) && line.Contains("claim.jurisdiction", StringComparison.Ordinal));
        Assert.Equal(2, bed.CountStoredReferrals());
    }

    [Fact]
    public async Task The_original_file_is_kept_in_the_document_store()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        var content = CanonicalCsv.Rows(2);
        bed.Drop("batch.csv", content);

        await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        var documents = bed.Services.GetRequiredService<IDocumentStore>();
        await using var kept = await documents.OpenAsync(Convert.ToHexStringLower(SHA256.HashData(content)), CancellationToken.None);
        Assert.NotNull(kept);
        using var copy = new MemoryStream();
        await kept.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task The_same_file_delivered_again_stores_nothing_new_and_acks_duplicates()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        var content = CanonicalCsv.Rows(3);
        bed.Drop("batch.csv", content);
        await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);
        var first = AckFiles.Read(bed.Ack, "batch.csv");

        bed.Drop("batch.csv", content);
        var again = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal((3L, 0L, 3L), (again.Records, again.Accepted, again.Duplicates));
        Assert.Equal(3, bed.CountStoredReferrals());
        var second = AckFiles.Read(bed.Ack, "batch.csv");
        foreach (var row in new[] { 1, 2, 3 })
        {
            Assert.Equal("duplicate", second.Row(row).GetProperty("status").GetString());
            Assert.Equal(first.Row(row).GetProperty("referralId").GetString(), second.Row(row).GetProperty("referralId").GetString());
        }

        Assert.Equal(["batch-1.csv", "batch.csv"], SftpTestBed.Names(bed.Archive));
    }

    [Fact]
    public async Task A_json_lines_file_is_taken_in_too()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        var referral = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryFolders.File("samples", "webhook", "referral.json")))!;
        referral["source"]!["partnerId"] = TestPartner.Id;
        var line = referral.ToJsonString();
        bed.Drop("referrals.jsonl", System.Text.Encoding.UTF8.GetBytes(line + "\n"));

        var summary = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal((1, 1L, 1L), (summary.FilesTaken, summary.Records, summary.Accepted));
        var ack = AckFiles.Read(bed.Ack, "referrals.jsonl");
        var stored = await bed.Referrals.GetAsync(ack.Row(1).GetProperty("referralId").GetString()!, CancellationToken.None);
        Assert.Equal("ACME-2026-000123", stored!.Referral.Source.ExternalId);
    }

    [Fact]
    public async Task Logs_carry_counts_and_ids_but_no_claimant_data_and_no_file_name()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        bed.Drop("smith-john-referrals.csv", CanonicalCsv.File(CanonicalCsv.Row(1), CanonicalCsv.BadStateRow(2)));

        await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        var logs = bed.AllLogText();
        Assert.Contains(SftpLogEvents.FileProcessed.Name!, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(CanonicalCsv.LastNamePrefix, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("1980-01-15", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("smith-john", logs, StringComparison.Ordinal);
    }
}
