using System.Diagnostics;
using System.Globalization;
using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Messaging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteGroupCommitTests(ITestOutputHelper output) : IAsyncLifetime, IAsyncDisposable
{
    private readonly SqliteFixture fixture = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task Concurrent_identical_accepts_write_one_row_in_each_table()
    {
        var database = fixture.Open();
        var store = new SqliteReferralStore(database, time);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(() => store.AcceptAsync(Referrals.New(time, externalId: "EXT-1", deliveryId: "msg_1"), CancellationToken.None))));

        Assert.Single(outcomes.Select(o => o.ReferralId).Distinct());
        Assert.Equal(1, SqlitePeek.Count(database, "referrals"));
        Assert.Equal(1, SqlitePeek.Count(database, "referral_timeline"));
        Assert.Equal(1, SqlitePeek.Count(database, "queue_messages"));
    }

    [Fact]
    public async Task One_failing_write_in_a_batch_does_not_fail_the_others_and_its_error_carries_no_phi()
    {
        var database = fixture.Open();
        var store = new SqliteReferralStore(database, time);
        var existing = Referrals.New(time, deliveryId: "first");
        await store.AcceptAsync(existing, CancellationToken.None);
        var clash = Referrals.New(time, deliveryId: "clash");
        clash.Referral.ReferralId = existing.ReferralId; // same primary key, different dedupe keys: the insert fails

        var good = Enumerable.Range(0, 100).Select(i => store.AcceptAsync(Referrals.New(time, deliveryId: $"d{i}"), CancellationToken.None)).ToList();
        var failing = store.AcceptAsync(clash, CancellationToken.None);
        var moreGood = Enumerable.Range(100, 100).Select(i => store.AcceptAsync(Referrals.New(time, deliveryId: $"d{i}"), CancellationToken.None)).ToList();

        var error = await Assert.ThrowsAsync<SqliteException>(() => failing);
        await Task.WhenAll(good.Concat(moreGood));
        Assert.Equal(201, SqlitePeek.Count(database, "referrals"));
        Assert.Equal(201, SqlitePeek.Count(database, "queue_messages"));
        Assert.DoesNotContain(Referrals.ClaimantLastName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_cancelled_before_it_runs_is_not_stored()
    {
        var database = fixture.Open();
        var store = new SqliteReferralStore(database, time);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AcceptAsync(Referrals.New(time), cancel.Token));

        Assert.Equal(0, SqlitePeek.Count(database, "referrals"));
    }

    [Fact]
    public async Task A_completed_message_keeps_its_id_but_not_its_body()
    {
        var database = fixture.Open();
        var queue = new SqliteMessageQueue(database, time, new QueueOptions());
        await queue.SendAsync([new QueueMessage("m1", "T", "s1", "{\"a\":1}"u8.ToArray())], CancellationToken.None);
        await queue.CompleteAsync((await queue.ReceiveAsync(1, CancellationToken.None))[0], CancellationToken.None);

        Assert.Equal(1, SqlitePeek.Count(database, "queue_messages", "message_id = 'm1' AND state = 'done' AND length(body) = 0"));
    }

    [Fact]
    public async Task Two_thousand_concurrent_accepts_share_commits()
    {
        var database = fixture.Open();
        var store = new SqliteReferralStore(database, TimeProvider.System);
        var referrals = Enumerable.Range(0, 2000).Select(i => Referrals.New(TimeProvider.System, externalId: $"EXT-{i}", deliveryId: $"msg_{i}")).ToList();

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(referrals.Select(r => Task.Run(() => store.AcceptAsync(r, CancellationToken.None))));
        watch.Stop();

        Assert.Equal(2000, SqlitePeek.Count(database, "referrals"));
        // Informational only: no timed assertion.
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"2000 concurrent accepts in {watch.Elapsed.TotalMilliseconds:F0} ms ({2000 / watch.Elapsed.TotalSeconds:F0}/s)"));
    }
}
