using ImeBridge.Adapters.Sftp.Tests.Support;

namespace ImeBridge.Adapters.Sftp.Tests.Polling;

public sealed class ReadinessTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    private static readonly TimeSpan StableFor = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_file_still_growing_is_left_alone_and_taken_once_unchanged_for_stableFor()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, sftp: new Dictionary<string, string?> { ["stableFor"] = "00:00:10" });
        var whole = CanonicalCsv.Rows(3);
        var path = bed.Drop("batch.csv", whole[..(whole.Length / 2)]);

        var firstLook = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);
        bed.Clock.Advance(StableFor);
        await File.WriteAllBytesAsync(path, whole);
        var grewMeanwhile = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);
        bed.Clock.Advance(StableFor / 2);
        var notLongEnough = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        foreach (var summary in new[] { firstLook, grewMeanwhile, notLongEnough })
        {
            Assert.Equal((0, 1), (summary.FilesTaken, summary.FilesWaiting));
        }

        Assert.Equal(["batch.csv"], SftpTestBed.Names(bed.Inbound));
        Assert.Empty(SftpTestBed.Names(bed.Processing));

        bed.Clock.Advance(StableFor / 2);
        var stable = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal((1, 0, 3L), (stable.FilesTaken, stable.FilesWaiting, stable.Records));
        Assert.Equal(["batch.csv"], SftpTestBed.Names(bed.Archive));
    }

    [Fact]
    public async Task With_doneMarker_a_file_waits_for_its_done_file_which_is_deleted_once_used()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, sftp: new Dictionary<string, string?> { ["doneMarker"] = "true" });
        bed.Drop("batch.csv", CanonicalCsv.Rows(2));

        var before = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);
        bed.Clock.Advance(TimeSpan.FromHours(1));
        var muchLater = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);
        bed.Drop("batch.csv.done", []);
        var marked = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal((0, 1), (before.FilesTaken, before.FilesWaiting));
        Assert.Equal((0, 1), (muchLater.FilesTaken, muchLater.FilesWaiting));
        Assert.Equal((1, 2L), (marked.FilesTaken, marked.Records));
        Assert.Empty(SftpTestBed.Names(bed.Inbound));
        Assert.Equal(["batch.csv"], SftpTestBed.Names(bed.Archive));
    }

    [Fact]
    public async Task Files_matching_no_pattern_are_never_taken()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        bed.Drop("notes.txt", "not a batch"u8.ToArray());
        bed.Drop("batch.csv.tmp", CanonicalCsv.Rows(1));

        var summary = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal((0, 0), (summary.FilesTaken, summary.FilesWaiting));
        Assert.Equal(["batch.csv.tmp", "notes.txt"], SftpTestBed.Names(bed.Inbound));
    }
}
