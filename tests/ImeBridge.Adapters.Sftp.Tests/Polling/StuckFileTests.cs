using System.Text;
using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Sftp.Tests.Support;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Sftp.Tests.Polling;

public sealed class StuckFileTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task A_file_that_keeps_failing_for_a_reason_outside_it_goes_to_error_after_three_attempts_and_no_longer_holds_up_the_next()
    {
        // A batch whose bytes the document folder refuses to keep, every time.
        var stuck = Encoding.UTF8.GetBytes("claim.claimNumber,poison\r\n");
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, services: s => s.AddSingleton<IDocumentStore>(
            sp => new FailingStreamPutDocumentStore(sp.GetRequiredService<LocalDocumentStore>(), stuck)));
        bed.Drop("a-stuck.csv", [.. stuck, .. "C-1,x\r\n"u8.ToArray()]);

        for (var attempt = 1; attempt < SftpBatchPoller.MaxAttemptsPerFile; attempt++)
        {
            await Assert.ThrowsAsync<IOException>(() => bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None));
            Assert.Equal(["a-stuck.csv"], SftpTestBed.Names(bed.Processing));
        }

        bed.Drop("b-next.csv", CanonicalCsv.Rows(2));
        var summary = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal(["a-stuck.csv"], SftpTestBed.Names(bed.Error));
        Assert.Empty(SftpTestBed.Names(bed.Processing));
        Assert.Equal(["b-next.csv"], SftpTestBed.Names(bed.Archive));
        Assert.Equal(2, bed.CountStoredReferrals());
        Assert.Equal((2, 1), (summary.FilesTaken, summary.FilesRefused));
        var reason = AckFiles.Read(bed.Ack, "a-stuck.csv").Json.GetProperty("errors")[0].GetProperty("reason").GetString();
        Assert.Contains("after 3 attempts", reason, StringComparison.Ordinal);
        Assert.Single(bed.Logs.GetSnapshot(), r => r.Id == SftpLogEvents.FileRefused && r.Level == LogLevel.Error);
    }
}
