using ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Postgres.Tests.Outbox;

/// <summary>The inbox forgets messages handled longer ago than its retention, in bounded batches, and keeps the rest.</summary>
public sealed class InboxPurgeTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly PostgresCoreFixture fixture = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Purging_deletes_rows_older_than_the_retention_batch_by_batch_and_keeps_recent_ones()
    {
        var database = await fixture.OpenAsync();
        var inbox = new PostgresMessageInbox(database, time);
        for (var i = 0; i < 5; i++)
        {
            await inbox.RecordProcessedAsync("old-" + i, "TypeA", CancellationToken.None);
        }

        time.Advance(TimeSpan.FromDays(13));
        await inbox.RecordProcessedAsync("recent", "TypeA", CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var purge = new InboxPurge(database, new PostgresOptions { InboxPurgeBatchSize = 2 }, time, NullLogger<InboxPurge>.Instance);

        Assert.Equal(5, await purge.PurgeOnceAsync(CancellationToken.None));
        Assert.Equal(0, await purge.PurgeOnceAsync(CancellationToken.None));

        Assert.False(await inbox.HasProcessedAsync("old-0", "TypeA", CancellationToken.None));
        Assert.False(await inbox.HasProcessedAsync("old-4", "TypeA", CancellationToken.None));
        Assert.True(await inbox.HasProcessedAsync("recent", "TypeA", CancellationToken.None));
    }

    [Fact]
    public async Task The_hosted_purge_runs_at_start_and_again_each_interval()
    {
        var database = await fixture.OpenAsync();
        var inbox = new PostgresMessageInbox(database, time);
        var options = new PostgresOptions { InboxRetention = TimeSpan.FromMinutes(30), InboxPurgeInterval = TimeSpan.FromHours(1) };
        await inbox.RecordProcessedAsync("first", "TypeA", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(31));
        var purge = new InboxPurge(database, options, time, NullLogger<InboxPurge>.Instance);

        await purge.StartAsync(CancellationToken.None);
        await WaitUntilAsync(async () => !await inbox.HasProcessedAsync("first", "TypeA", CancellationToken.None));
        await inbox.RecordProcessedAsync("second", "TypeA", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(31));
        await Task.Delay(200);
        Assert.True(await inbox.HasProcessedAsync("second", "TypeA", CancellationToken.None));

        time.Advance(TimeSpan.FromHours(2));
        await WaitUntilAsync(async () => !await inbox.HasProcessedAsync("second", "TypeA", CancellationToken.None));
        await purge.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void The_defaults_keep_two_weeks_and_purge_hourly()
    {
        var options = new PostgresOptions();
        Assert.Equal(TimeSpan.FromDays(14), options.InboxRetention);
        Assert.Equal(TimeSpan.FromHours(1), options.InboxPurgeInterval);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("The purge did not run.");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();
}
