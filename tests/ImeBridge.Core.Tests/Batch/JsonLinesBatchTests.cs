using System.Text.Json.Nodes;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Tests.Support;

namespace ImeBridge.Core.Tests.Batch;

public sealed class JsonLinesBatchTests
{
    [Fact]
    public async Task A_malformed_line_is_rejected_by_its_line_number_and_the_others_are_accepted()
    {
        var lines = string.Join("\n",
            Referral("JL-1"),
            "{\"source\": {\"externalId\": \"JL-2\"}, \"claimant\": ",
            "",
            Referral("JL-4"),
            "   ") + "\r\n";
        var kit = new BatchKit();

        var (summary, ack) = await kit.RunAsync(BatchKit.Utf8(lines, bom: true), BatchFormat.JsonLines);

        Assert.Equal(new BatchSummary(3, 2, 0, 1), summary);
        Assert.Equal([1L, 2, 4], ack.Rows.Select(r => r.Row));
        Assert.Equal(["JL-1", "JL-2", "JL-4"], ack.Rows.Select(r => r.ExternalId));
        Assert.Contains("not valid JSON", ack.Row(2).Errors.ReasonAt("$"), StringComparison.Ordinal);
        Assert.NotNull(ack.Row(2).RejectionId);
        Assert.Equal(2, kit.Store.ReferralCount);
    }

    [Fact]
    public async Task A_valid_line_with_an_invalid_referral_gets_the_readers_reasons()
    {
        var sample = Fixtures.Sample();
        sample["claimant"]!["dateOfBirth"] = "1981-13-40";
        sample["source"]!.AsObject().Remove("partnerId");
        var kit = new BatchKit();

        var (_, ack) = await kit.RunAsync(BatchKit.Utf8(sample.ToJsonString()), BatchFormat.JsonLines);

        Assert.Equal("ACME-2026-000123", ack.Row(1).ExternalId);
        Assert.Contains("claimant.dateOfBirth", ack.Row(1).Errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("referrals.csv", BatchFormat.Csv)]
    [InlineData("REFERRALS.CSV", BatchFormat.Csv)]
    [InlineData("batch.jsonl", BatchFormat.JsonLines)]
    [InlineData("batch.NDJSON", BatchFormat.JsonLines)]
    [InlineData("batch.json-lines", BatchFormat.JsonLines)]
    [InlineData("batch.json", null)]
    [InlineData("batch.csv.pgp", null)]
    [InlineData("README", null)]
    public void The_file_name_announces_the_format(string fileName, BatchFormat? expected) =>
        Assert.Equal(expected, BatchFormats.FromFileName(fileName));

    private static string Referral(string externalId)
    {
        var sample = Fixtures.Sample();
        sample["source"] = new JsonObject { ["externalId"] = externalId };
        return sample.ToJsonString();
    }
}
