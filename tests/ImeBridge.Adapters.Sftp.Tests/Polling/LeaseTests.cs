using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Sftp.Tests.Support;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.Sftp.Tests.Polling;

public sealed class LeaseTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task Of_two_pollers_at_once_only_one_takes_the_lease_and_the_file_is_processed_once()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, services: s => s.AddSingleton<IDocumentStore>(
            sp => new GatedDocumentStore(sp.GetRequiredService<LocalDocumentStore>(), entered, gate.Task)));
        bed.Drop("batch.csv", CanonicalCsv.Rows(3));
        var otherInstance = ActivatorUtilities.CreateInstance<SftpBatchPoller>(bed.Services);

        var holding = bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var skipped = await otherInstance.PollAsync(TestPartner.Id, CancellationToken.None);
        gate.SetResult();
        var held = await holding;

        Assert.Equal(SftpPollSummary.Skipped(TestPartner.Id), skipped);
        Assert.Single(bed.Logs.GetSnapshot(), r => r.Id == SftpLogEvents.LeaseHeldElsewhere);
        Assert.True(held.LeaseTaken);
        Assert.Equal((1, 3L), (held.FilesTaken, held.Accepted));
        Assert.Equal(3, bed.CountStoredReferrals());
        Assert.Equal(["batch.csv"], SftpTestBed.Names(bed.Archive));
    }

    [Fact]
    public async Task A_long_poll_renews_its_lease_so_no_other_instance_takes_over_mid_file()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, services: s => s.AddSingleton<IDocumentStore>(
            sp => new GatedDocumentStore(sp.GetRequiredService<LocalDocumentStore>(), entered, gate.Task)));
        bed.Drop("batch.csv", CanonicalCsv.Rows(1));
        var lease = "sftp:" + TestPartner.Id;
        var leases = bed.Services.GetRequiredService<ILeaseStore>();

        var holding = bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(SftpTestBed.Start + SftpOptions.DefaultLeaseDuration, bed.LeaseExpiry(lease));
        bed.Clock.Advance(SftpOptions.DefaultLeaseDuration / 2);
        await Wait.Until(() => bed.LeaseExpiry(lease) > SftpTestBed.Start + SftpOptions.DefaultLeaseDuration);
        bed.Clock.Advance(SftpOptions.DefaultLeaseDuration / 2 + TimeSpan.FromSeconds(1));
        var takenOver = await leases.TryAcquireAsync(lease, "another-instance", SftpOptions.DefaultLeaseDuration, CancellationToken.None);
        gate.SetResult();
        var held = await holding;

        Assert.False(takenOver);
        Assert.Equal(1, held.FilesTaken);
        Assert.Null(bed.LeaseExpiry(lease));
    }

    [Fact]
    public async Task A_poll_gives_its_lease_back_so_another_instance_can_poll_next()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);
        bed.Drop("batch.csv", CanonicalCsv.Rows(1));
        var otherInstance = ActivatorUtilities.CreateInstance<SftpBatchPoller>(bed.Services);

        var summary = await otherInstance.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.Equal((true, 1), (summary.LeaseTaken, summary.FilesTaken));
    }

    [Fact]
    public async Task The_lease_of_an_instance_that_died_is_taken_once_it_expires()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server);
        var leases = bed.Services.GetRequiredService<ILeaseStore>();
        Assert.True(await leases.TryAcquireAsync("sftp:" + TestPartner.Id, "instance-that-died", SftpOptions.DefaultLeaseDuration, CancellationToken.None));
        bed.Drop("batch.csv", CanonicalCsv.Rows(1));

        var whileHeld = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);
        bed.Clock.Advance(SftpOptions.DefaultLeaseDuration);
        var afterExpiry = await bed.Poller.PollAsync(TestPartner.Id, CancellationToken.None);

        Assert.False(whileHeld.LeaseTaken);
        Assert.Equal(["batch.csv"], SftpTestBed.Names(bed.Archive));
        Assert.Equal((true, 1), (afterExpiry.LeaseTaken, afterExpiry.FilesTaken));
    }
}
