using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;

/// <summary>Dedupe by unique keys holds between stores with separate connection pools, as between processes.</summary>
public sealed class PostgresAcrossProcessesDedupeTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly PostgresCoreFixture fixture = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_same_delivery_accepted_by_three_processes_at_once_is_stored_and_emitted_once()
    {
        var stores = new List<PostgresReferralStore>();
        for (var i = 0; i < 3; i++)
        {
            stores.Add(new PostgresReferralStore(await fixture.OpenAsync(), time));
        }

        // Same delivery and external id, a different referral id each time: as three processes would build it.
        var attempts = Enumerable.Range(0, 12).Select(_ => Referrals.New(time, externalId: "EXT-X", deliveryId: "dlv-x")).ToList();

        var outcomes = await Task.WhenAll(attempts.Select((referral, i) => Task.Run(() => stores[i % 3].AcceptAsync(referral, CancellationToken.None))));

        var winner = Assert.Single(outcomes.Select(o => o.ReferralId).Distinct());
        Assert.Single(outcomes, o => !o.Duplicate);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM referrals;"));
        var queue = new PostgresMessageQueue(fixture.Current, time, new QueueOptions());
        var emitted = Assert.Single(await queue.ReceiveAsync(100, CancellationToken.None));
        Assert.Equal(winner, emitted.SessionId);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = fixture.Current.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();
}
