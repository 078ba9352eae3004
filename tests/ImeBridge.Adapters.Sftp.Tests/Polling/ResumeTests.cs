using ImeBridge.Adapters.Sftp.Tests.Support;
using ImeBridge.Adapters.Sqlite;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.Sftp.Tests.Polling;

public sealed class ResumeTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    // More rows than BatchIntake keeps in flight, so a stop mid-file leaves some unstored.
    private const int Rows = 1500;
    private const int StopAfter = 40;

    [Fact]
    public async Task A_poll_stopped_mid_file_leaves_it_in_processing_and_the_next_poller_stores_every_row_exactly_once()
    {
        using var folders = BedFolders.Create(sshd.Server);
        using var plug = new CancellationTokenSource();
        long storedBeforeStop;
        await using (var stopped = await SftpTestBed.StartAsync(sshd.Server, folders, services: s => s.AddSingleton<IReferralStore>(
            sp => new CancellingReferralStore(sp.GetRequiredService<SqliteReferralStore>(), StopAfter, plug))))
        {
            stopped.Drop("batch.csv", CanonicalCsv.Rows(Rows));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped.Poller.PollAsync(TestPartner.Id, plug.Token));

            Assert.Equal(["batch.csv"], SftpTestBed.Names(stopped.Processing));
            Assert.Empty(SftpTestBed.Names(stopped.Inbound));
            Assert.Empty(SftpTestBed.Names(stopped.Archive));
            Assert.Empty(SftpTestBed.Names(stopped.Ack));
            storedBeforeStop = stopped.CountStoredReferrals();
            Assert.InRange(storedBeforeStop, StopAfter, Rows - 1);
        }

        await using var next = await SftpTestBed.StartAsync(sshd.Server, folders);
        var summary = await next.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal((1, (long)Rows), (summary.FilesTaken, summary.Records));
        Assert.Equal((storedBeforeStop, Rows - storedBeforeStop), (summary.Duplicates, summary.Accepted));
        Assert.Equal(Rows, next.CountStoredReferrals());
        Assert.Equal(["batch.csv"], SftpTestBed.Names(next.Archive));
        Assert.Empty(SftpTestBed.Names(next.Processing));
        var ack = AckFiles.Read(next.Ack, "batch.csv");
        Assert.True(ack.Json.GetProperty("complete").GetBoolean());
        Assert.Equal(Rows, ack.Rows.Select(r => r.GetProperty("referralId").GetString()).Distinct().Count());
    }
}
