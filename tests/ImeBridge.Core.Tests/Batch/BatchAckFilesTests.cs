using System.Text;
using System.Text.Json;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Tests.Batch;

public sealed class BatchAckFilesTests
{
    private static readonly BatchFile File = new("sftp", "acme", "referrals-0301.csv", new string('c', 64));

    [Fact]
    public async Task The_csv_ack_neutralises_formulas_and_the_json_ack_keeps_values_exact()
    {
        var csv = new MemoryStream();
        var json = new MemoryStream();
        var formulas = new[] { "=HYPERLINK(\"http://evil.example\",\"open\")", "+1", "-2", "@x" };

        await using (var ack = new BatchAckFiles(File, csv, json, leaveOpen: true))
        {
            var row = 0;
            foreach (var externalId in formulas)
            {
                await ack.WriteAsync(new BatchRowOutcome(++row, externalId, "ref_" + row, false, null, []), default);
            }

            await ack.WriteAsync(new BatchRowOutcome(5, "EXT-5", "ref_1", true, null, []), default);
            await ack.WriteAsync(new BatchRowOutcome(6, "EXT-6", null, false, "rej_6", [new FieldError("claim.jurisdiction", "must be a US state"), new FieldError("$", "has 3 fields")]), default);
            await ack.CompleteAsync(new BatchSummary(6, 4, 1, 1), default);
        }

        var lines = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n");
        Assert.Equal("row,externalId,status,referralId,errors", lines[0]);
        Assert.Equal("1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\",accepted,ref_1,", lines[1]);
        Assert.Equal("2,\"'+1\",accepted,ref_2,", lines[2]);
        Assert.Equal("3,\"'-2\",accepted,ref_3,", lines[3]);
        Assert.Equal("4,\"'@x\",accepted,ref_4,", lines[4]);
        Assert.Equal("5,EXT-5,duplicate,ref_1,", lines[5]);
        Assert.Equal("6,EXT-6,rejected,,claim.jurisdiction: must be a US state; $: has 3 fields", lines[6]);

        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        Assert.Equal("referrals-0301.csv", root.GetProperty("file").GetString());
        Assert.Equal(File.Sha256, root.GetProperty("sha256").GetString());
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(formulas, rows.Take(4).Select(r => r.GetProperty("externalId").GetString()));
        Assert.Equal("rejected", rows[5].GetProperty("status").GetString());
        Assert.Equal("rej_6", rows[5].GetProperty("rejectionId").GetString());
        Assert.Equal("claim.jurisdiction", rows[5].GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(4, root.GetProperty("summary").GetProperty("accepted").GetInt64());
        Assert.True(root.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task An_ack_never_completed_is_still_valid_json_marked_incomplete()
    {
        var json = new MemoryStream();

        await using (var ack = new BatchAckFiles(File, new MemoryStream(), json, leaveOpen: true))
        {
            await ack.WriteAsync(new BatchRowOutcome(1, "EXT-1", "ref_1", false, null, []), default);
        }

        using var document = JsonDocument.Parse(json.ToArray());
        Assert.False(document.RootElement.GetProperty("complete").GetBoolean());
        Assert.False(document.RootElement.TryGetProperty("summary", out _));
        Assert.Single(document.RootElement.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task Disposing_closes_the_streams_unless_asked_to_leave_them_open()
    {
        var csv = new MemoryStream();
        var json = new MemoryStream();

        await new BatchAckFiles(File, csv, json).DisposeAsync();

        Assert.False(csv.CanWrite);
        Assert.False(json.CanWrite);
    }

    [Fact]
    public void Ack_files_are_named_after_the_whole_file_name() =>
        Assert.Equal(
            ("referrals-0301.csv.ack.csv", "referrals-0301.csv.ack.json"),
            (BatchAckFiles.AckCsvName("inbox/referrals-0301.csv"), BatchAckFiles.AckJsonName("referrals-0301.csv")));
}
