using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteWalRestartTests
{
    private const int RestartFrames = 200;

    private readonly FakeTimeProvider referralClock = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Under_commits_that_never_pause_the_write_ahead_log_is_started_over_instead_of_growing()
    {
        // The same workload twice: with the hand-over to the writer, and with it out of reach (a limit never met).
        var growing = await RunWritersAsync(restartFrames: int.MaxValue);
        var restarted = await RunWritersAsync(RestartFrames);

        Assert.True(growing.Accepted > 1000 && restarted.Accepted > 1000, $"too few writes to tell: {growing.Accepted}, {restarted.Accepted}");
        var growingPerReferral = (double)growing.LargestWal / growing.Accepted;
        var restartedPerReferral = (double)restarted.LargestWal / restarted.Accepted;
        Assert.True(
            restartedPerReferral * 3 < growingPerReferral,
            $"log bytes per referral: {restartedPerReferral:F0} with restarts, {growingPerReferral:F0} without");
    }

    private async Task<(int Accepted, long LargestWal)> RunWritersAsync(int restartFrames)
    {
        await using var fixture = new SqliteFixture();
        // The checkpointer runs on the real clock; the referrals' own times do not matter here.
        await using var database = new SqliteDatabase(fixture.DatabasePath, logger: null, TimeProvider.System, restartFrames);
        var store = new SqliteReferralStore(database, referralClock);
        var walPath = fixture.DatabasePath + "-wal";
        long largestWal = 0;
        var accepted = 0;

        // Sixteen writers keep the group-commit writer busy across many checkpointer ticks, so that without the
        // hand-over there is never a moment with every frame copied.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await store.AcceptAsync(Referrals.New(referralClock, deliveryId: $"w{w}-{i}"), CancellationToken.None);
                Interlocked.Increment(ref accepted);
                if (File.Exists(walPath))
                {
                    InterlockedMax(ref largestWal, new FileInfo(walPath).Length);
                }
            }
        })));

        Assert.Equal((long)accepted, SqlitePeek.Count(database, "referrals"));
        return (accepted, largestWal);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
