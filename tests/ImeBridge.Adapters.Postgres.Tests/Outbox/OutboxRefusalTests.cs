using ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Messaging;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Postgres.Tests.Outbox;

/// <summary>
/// A message the bus refuses for good must not stall the outbox: it is found by sending one at a time, set aside in
/// <c>outbox_refused</c> with one operator alert, its referral's later messages wait behind it, every other referral
/// flows, and an operator can replay or discard it. The bus is the PostgreSQL queue behind a <see cref="JudgingQueue"/>.
/// </summary>
public sealed class OutboxRefusalTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly PostgresCoreFixture fixture = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider logs = new();
    private readonly ILoggerFactory loggers;

    public OutboxRefusalTests() => loggers = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

    [Fact]
    public async Task A_refused_message_is_set_aside_with_one_alert_its_session_waits_others_flow_and_a_replay_delivers_it_in_order()
    {
        var (database, bus, queue, alerts, relay) = await StartAsync();
        await OutboxRows.AddAsync(database, time, "ref_a/1", "ref_b/1", "ref_a/2", "ref_c/1", "ref_a/3", "ref_b/2");
        queue.Fail = m => m.MessageId == "ref_a/2" ? new MessageRefusedException("MessageSizeExceeded", "too large: " + Body(m)) : null;

        Assert.Equal(4, await relay.RelayOnceAsync(CancellationToken.None));

        Assert.Equal(["ref_a/3"], await OutboxRows.OutboxIdsAsync(database));
        Assert.Equal(["ref_a/2"], await OutboxRows.RefusedIdsAsync(database));
        var alert = Assert.Single(await alerts.ListAsync(includeResolved: true, 10, CancellationToken.None));
        Assert.Equal(OutboxRefusals.AlertKind, alert.Kind);
        Assert.Equal("ref_a", alert.ReferralId);
        Assert.Contains("TestEvent ref_a/2 (session ref_a", alert.Detail, StringComparison.Ordinal);
        Assert.Contains("MessageSizeExceeded", alert.Detail, StringComparison.Ordinal);

        // Later rounds: no second alert, and a new message of the held referral waits too.
        await OutboxRows.AddAsync(database, time, "ref_a/4", "ref_d/1");
        Assert.Equal(1, await relay.RelayOnceAsync(CancellationToken.None));
        Assert.Equal(0, await relay.RelayOnceAsync(CancellationToken.None));
        Assert.Single(await alerts.ListAsync(includeResolved: true, 10, CancellationToken.None));
        Assert.Equal(["ref_a/3", "ref_a/4"], await OutboxRows.OutboxIdsAsync(database));
        var refused = Assert.Single(await Refusals(database, alerts).ListAsync(includeDiscarded: false, 10, CancellationToken.None));
        Assert.Equal(("ref_a/2", "ref_a", "MessageSizeExceeded", 2L), (refused.MessageId, refused.SessionId, refused.ReasonCode, refused.HeldBehind));

        // The bus takes it now (say its size limit was raised): the replay goes first, then the two held behind it.
        queue.Fail = _ => null;
        Assert.True(await Refusals(database, alerts).ReplayAsync(refused.Seq, CancellationToken.None));
        Assert.False(await Refusals(database, alerts).ReplayAsync(refused.Seq, CancellationToken.None));
        Assert.Equal(["ref_a/2", "ref_a/3", "ref_a/4"], await OutboxRows.OutboxIdsAsync(database));
        Assert.Equal(3, await relay.RelayOnceAsync(CancellationToken.None));

        Assert.Empty(await alerts.ListAsync(includeResolved: false, 10, CancellationToken.None));
        Assert.Empty(await OutboxRows.RefusedIdsAsync(database));
        var delivered = await OutboxRows.DrainAsync(bus);
        Assert.Equal(["ref_a/1", "ref_a/2", "ref_a/3", "ref_a/4"], delivered["ref_a"]);
        Assert.Equal(["ref_b/1", "ref_b/2"], delivered["ref_b"]);
        Assert.Equal(["ref_c/1"], delivered["ref_c"]);
        Assert.Equal(["ref_d/1"], delivered["ref_d"]);
        AssertNoBodyInLogs();
    }

    [Fact]
    public async Task A_discarded_message_stays_on_record_and_releases_its_session()
    {
        var (database, bus, queue, alerts, relay) = await StartAsync();
        await OutboxRows.AddAsync(database, time, "ref_a/1", "ref_a/2", "ref_b/1");
        queue.Fail = m => m.MessageId == "ref_a/1" ? new MessageRefusedException("InvalidMessage", "bad id") : null;
        Assert.Equal(1, await relay.RelayOnceAsync(CancellationToken.None));
        var refused = Assert.Single(await Refusals(database, alerts).ListAsync(includeDiscarded: false, 10, CancellationToken.None));

        await Assert.ThrowsAsync<ArgumentException>(() => Refusals(database, alerts).DiscardAsync(refused.Seq, " ", CancellationToken.None));
        Assert.True(await Refusals(database, alerts).DiscardAsync(refused.Seq, "superseded by a corrected referral", CancellationToken.None));
        Assert.False(await Refusals(database, alerts).ReplayAsync(refused.Seq, CancellationToken.None));
        Assert.Equal(1, await relay.RelayOnceAsync(CancellationToken.None));

        Assert.Empty(await Refusals(database, alerts).ListAsync(includeDiscarded: false, 10, CancellationToken.None));
        var kept = Assert.Single(await Refusals(database, alerts).ListAsync(includeDiscarded: true, 10, CancellationToken.None));
        Assert.Equal(("ref_a/1", "superseded by a corrected referral"), (kept.MessageId, kept.DiscardReason));
        Assert.NotNull(kept.DiscardedAt);
        Assert.Empty(await alerts.ListAsync(includeResolved: false, 10, CancellationToken.None));
        var delivered = await OutboxRows.DrainAsync(bus);
        Assert.Equal(["ref_a/2"], delivered["ref_a"]);
        Assert.Equal(["ref_b/1"], delivered["ref_b"]);
        AssertNoBodyInLogs();
    }

    [Fact]
    public async Task An_unclassified_error_of_one_message_sets_it_aside_only_once_it_repeats_while_the_bus_takes_others()
    {
        var (database, bus, queue, alerts, relay) = await StartAsync();
        await OutboxRows.AddAsync(database, time, "ref_a/1", "ref_b/1", "ref_a/2", "ref_c/1");
        queue.Fail = m => m.MessageId == "ref_a/1" ? new ArgumentException("cannot carry " + Body(m)) : null;

        Assert.Equal(2, await relay.RelayOnceAsync(CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => relay.RelayOnceAsync(CancellationToken.None));
        Assert.Equal(["ref_a/1", "ref_a/2"], await OutboxRows.OutboxIdsAsync(database));
        Assert.Empty(await alerts.ListAsync(includeResolved: true, 10, CancellationToken.None));

        Assert.Equal(0, await relay.RelayOnceAsync(CancellationToken.None));

        Assert.Equal(["ref_a/2"], await OutboxRows.OutboxIdsAsync(database));
        var refused = Assert.Single(await Refusals(database, alerts).ListAsync(includeDiscarded: false, 10, CancellationToken.None));
        Assert.Equal(("ref_a/1", nameof(ArgumentException)), (refused.MessageId, refused.ReasonCode));
        Assert.Single(await alerts.ListAsync(includeResolved: true, 10, CancellationToken.None));
        var delivered = await OutboxRows.DrainAsync(bus);
        Assert.False(delivered.ContainsKey("ref_a"));
        Assert.Equal(2, delivered.Count);
        AssertNoBodyInLogs();
    }

    [Fact]
    public async Task A_bus_failing_every_message_with_an_unclassified_error_sets_nothing_aside()
    {
        var (database, _, queue, alerts, relay) = await StartAsync();
        string[] ids = ["ref_a/1", "ref_b/1", "ref_c/1", "ref_d/1", "ref_e/1"];
        await OutboxRows.AddAsync(database, time, ids);
        queue.Fail = m => new InvalidOperationException("unauthorized for " + Body(m));

        for (var round = 0; round < 5; round++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => relay.RelayOnceAsync(CancellationToken.None));
        }

        // Each round: the batch, then single sends until three failed with nothing accepted.
        Assert.Equal(5 * (1 + 3), queue.Sends);
        Assert.Equal(ids, await OutboxRows.OutboxIdsAsync(database));
        Assert.Empty(await OutboxRows.RefusedIdsAsync(database));
        Assert.Empty(await alerts.ListAsync(includeResolved: true, 10, CancellationToken.None));
        AssertNoBodyInLogs();
    }

    [Fact]
    public async Task A_transient_failure_retries_the_same_batch_whole_and_loses_nothing()
    {
        var (database, bus, queue, alerts, relay) = await StartAsync();
        await OutboxRows.AddAsync(database, time, "ref_a/1", "ref_b/1", "ref_a/2");
        var failures = 2;
        queue.Fail = _ => failures-- > 0 ? new TimeoutException("the bus did not answer") : null;

        await Assert.ThrowsAsync<TimeoutException>(() => relay.RelayOnceAsync(CancellationToken.None));
        await Assert.ThrowsAsync<TimeoutException>(() => relay.RelayOnceAsync(CancellationToken.None));
        Assert.Equal(2, queue.Sends);
        Assert.Equal(["ref_a/1", "ref_b/1", "ref_a/2"], await OutboxRows.OutboxIdsAsync(database));

        Assert.Equal(3, await relay.RelayOnceAsync(CancellationToken.None));

        Assert.Equal(3, queue.Sends);
        Assert.Empty(await OutboxRows.OutboxIdsAsync(database));
        Assert.Empty(await OutboxRows.RefusedIdsAsync(database));
        Assert.Empty(await alerts.ListAsync(includeResolved: true, 10, CancellationToken.None));
        var delivered = await OutboxRows.DrainAsync(bus);
        Assert.Equal(["ref_a/1", "ref_a/2"], delivered["ref_a"]);
        Assert.Equal(["ref_b/1"], delivered["ref_b"]);
    }

    [Fact]
    public async Task A_refusal_whose_alert_was_never_raised_is_alerted_by_the_next_relay_to_start()
    {
        var (database, _, queue, alerts, relay) = await StartAsync();
        await OutboxRows.AddAsync(database, time, "ref_a/1");
        queue.Fail = _ => new MessageRefusedException("MessageSizeExceeded", "too large");
        Assert.Equal(0, await relay.RelayOnceAsync(CancellationToken.None));
        var raised = Assert.Single(await alerts.ListAsync(includeResolved: true, 10, CancellationToken.None));

        // As if the process died between the commit and the alert.
        await using (var forget = database.DataSource.CreateCommand("UPDATE outbox_refused SET alerted = false; DELETE FROM operator_alerts;"))
        {
            await forget.ExecuteNonQueryAsync();
        }

        var restarted = new OutboxRelay(database, queue, alerts, new PostgresOptions(), time, loggers.CreateLogger<OutboxRelay>());
        Assert.Equal(0, await restarted.RelayOnceAsync(CancellationToken.None));

        var again = Assert.Single(await alerts.ListAsync(includeResolved: false, 10, CancellationToken.None));
        Assert.Equal(raised.Key, again.Key);
    }

    private async Task<(PostgresDatabase Database, PostgresMessageQueue Bus, JudgingQueue Queue, PostgresOperatorAlerts Alerts, OutboxRelay Relay)> StartAsync()
    {
        var database = await fixture.OpenAsync();
        var bus = new PostgresMessageQueue(database, time, new QueueOptions());
        var queue = new JudgingQueue(bus);
        var alerts = new PostgresOperatorAlerts(database, time, loggers.CreateLogger<PostgresOperatorAlerts>());
        var relay = new OutboxRelay(database, queue, alerts, new PostgresOptions(), time, loggers.CreateLogger<OutboxRelay>());
        return (database, bus, queue, alerts, relay);
    }

    private OutboxRefusals Refusals(PostgresDatabase database, PostgresOperatorAlerts alerts) =>
        new(database, alerts, time, loggers.CreateLogger<OutboxRefusals>());

    private static string Body(QueueMessage message) => System.Text.Encoding.UTF8.GetString(message.Body.Span);

    private void AssertNoBodyInLogs()
    {
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(Referrals.ClaimantLastName, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("\"claimant\"", logs.AllText, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        loggers.Dispose();
        logs.Dispose();
        await fixture.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
