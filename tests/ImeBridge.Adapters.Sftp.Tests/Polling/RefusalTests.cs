using ImeBridge.Adapters.Sftp.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Sftp.Tests.Polling;

public sealed class RefusalTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task A_file_whose_header_names_nothing_canonical_goes_to_error_with_an_ack_saying_why()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        bed.Drop("export.csv", "Colour,Shoe size\r\nteal,9\r\n"u8.ToArray());

        var summary = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal((1, 1, 0L), (summary.FilesTaken, summary.FilesRefused, summary.Records));
        Assert.Equal(["export.csv"], SftpTestBed.Names(bed.Error));
        Assert.Empty(SftpTestBed.Names(bed.Archive));
        Assert.Empty(SftpTestBed.Names(bed.Processing));
        Assert.Equal(0, bed.CountStoredReferrals());

        var ack = AckFiles.Read(bed.Ack, "export.csv");
        Assert.Equal("refused", ack.Json.GetProperty("status").GetString());
        var reason = Assert.Single(ack.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("file", reason.GetProperty("path").GetString());
        Assert.False(string.IsNullOrWhiteSpace(reason.GetProperty("reason").GetString()));
        Assert.Equal("row,externalId,status,referralId,errors", ack.CsvLines[0]);
        Assert.StartsWith(",,refused,,\"file: ", ack.CsvLines[1], StringComparison.Ordinal);
        Assert.Single(bed.Logs.GetSnapshot(), r => r.Id == SftpLogEvents.FileRefused && r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_file_whose_name_announces_no_readable_format_is_refused()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, sftp: new Dictionary<string, string?> { ["filePatterns:0"] = "*.txt" });
        bed.Drop("referrals.txt", CanonicalCsv.Rows(1));

        var summary = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal(1, summary.FilesRefused);
        Assert.Equal(["referrals.txt"], SftpTestBed.Names(bed.Error));
        var reason = AckFiles.Read(bed.Ack, "referrals.txt").Json.GetProperty("errors")[0].GetProperty("reason").GetString();
        Assert.Contains("*.csv", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_of_a_name_already_in_error_is_kept_beside_it()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        bed.Drop("export.csv", "Colour\r\nteal\r\n"u8.ToArray());
        await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);
        bed.Drop("export.csv", "Colour\r\nrust\r\n"u8.ToArray());

        await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal(["export-1.csv", "export.csv"], SftpTestBed.Names(bed.Error));
        Assert.Equal("Colour\r\nteal\r\n", File.ReadAllText(Path.Combine(bed.Error, "export.csv")));
    }
}
