using ImeBridge.Adapters.Sftp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.Sftp.Tests.Polling;

public sealed class RunnerTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_partner_is_polled_again_only_once_its_interval_has_passed()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, sftp: new Dictionary<string, string?> { ["pollInterval"] = "00:05:00" });
        var runner = bed.Services.GetRequiredService<SftpPollRunner>();

        var first = await runner.RunDueAsync(CancellationToken.None);
        bed.Drop("batch.csv", CanonicalCsv.Rows(1));
        bed.Clock.Advance(Interval - TimeSpan.FromSeconds(1));
        var early = await runner.RunDueAsync(CancellationToken.None);
        var wait = runner.UntilNextDue();
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await runner.RunDueAsync(CancellationToken.None);

        Assert.Equal([TestPartner.Id], first.Select(r => r.PartnerId));
        Assert.Empty(early);
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.Equal(1, Assert.Single(due).Summary!.FilesTaken);
    }

    [Fact]
    public async Task The_polling_service_polls_at_start_then_when_the_clock_reaches_the_next_interval()
    {
        await using var bed = await SftpTestBed.StartAsync(sshd.Server, sftp: new Dictionary<string, string?> { ["pollInterval"] = "00:05:00" });
        using var service = new SftpPollingService(bed.Services.GetRequiredService<SftpPollRunner>(), bed.Clock);
        bed.Drop("first.csv", CanonicalCsv.Rows(1));

        await service.StartAsync(CancellationToken.None);
        await Wait.Until(() => SftpTestBed.Names(bed.Archive).Contains("first.csv"));
        bed.Drop("second.csv", CanonicalCsv.File(CanonicalCsv.Row(2)));
        await Task.Delay(300);
        var beforeInterval = SftpTestBed.Names(bed.Inbound);
        // Advanced on every try: the service may not have started its wait when the clock first moves.
        await Wait.Until(() =>
        {
            bed.Clock.Advance(Interval);
            return SftpTestBed.Names(bed.Archive).Contains("second.csv");
        });
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(["second.csv"], beforeInterval);
    }
}
