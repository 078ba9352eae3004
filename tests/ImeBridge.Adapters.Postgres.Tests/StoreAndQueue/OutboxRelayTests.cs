using System.Text;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;

/// <summary>
/// The transactional outbox: with an external bus the store writes its messages into the outbox in the state change's
/// transaction, and the relay moves them to the bus in order, once in effect, also across a crash between send and delete.
/// The bus here is the PostgreSQL queue over the same database: it has MessageId duplicate detection, as Service Bus has.
/// </summary>
public sealed class OutboxRelayTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly PostgresCoreFixture fixture = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Emitted_messages_wait_in_the_outbox_until_relayed_then_arrive_once_in_order_per_session()
    {
        var database = await fixture.OpenAsync();
        var (store, bus) = (new PostgresReferralStore(database, time, PostgresBus.External), Bus(database));
        var sessions = await AcceptAndMoveAsync(store, referrals: 3);

        Assert.Empty(await bus.ReceiveAsync(100, CancellationToken.None));
        Assert.Equal(12, await OutboxCountAsync(database));

        Assert.Equal(12, await Relay(database, bus).RelayOnceAsync(CancellationToken.None));

        Assert.Equal(0, await OutboxCountAsync(database));
        Assert.Equal(0, await Relay(database, bus).RelayOnceAsync(CancellationToken.None));
        await AssertDeliveredOnceInOrderAsync(bus, sessions);
    }

    [Fact]
    public async Task A_crash_between_send_and_delete_resends_and_duplicate_detection_keeps_each_message_once()
    {
        var database = await fixture.OpenAsync();
        var store = new PostgresReferralStore(database, time, PostgresBus.External);
        var bus = Bus(database);
        var sessions = await AcceptAndMoveAsync(store, referrals: 2);
        var crashing = new CrashAfterSendQueue(bus);

        await Assert.ThrowsAsync<IOException>(() => Relay(database, crashing).RelayOnceAsync(CancellationToken.None));

        Assert.Equal(1, crashing.Sends);
        Assert.Equal(8, await OutboxCountAsync(database));
        Assert.Equal(8, await Relay(await fixture.OpenAsync(), bus).RelayOnceAsync(CancellationToken.None));
        Assert.Equal(0, await OutboxCountAsync(database));
        await AssertDeliveredOnceInOrderAsync(bus, sessions);
    }

    [Fact]
    public async Task Relays_in_several_processes_at_once_deliver_every_message_once_in_order()
    {
        var database = await fixture.OpenAsync();
        var store = new PostgresReferralStore(database, time, PostgresBus.External);
        var bus = Bus(database);
        var processes = new[] { database, await fixture.OpenAsync(), await fixture.OpenAsync() };
        var options = new PostgresOptions { OutboxBatchSize = 3 };
        var relays = processes.Select(p => new OutboxRelay(p, Bus(p), options, time, NullLogger<OutboxRelay>.Instance)).ToList();

        var accepting = AcceptAndMoveAsync(store, referrals: 10);
        var relaying = Task.WhenAll(relays.Select(relay => Task.Run(async () =>
        {
            while (!accepting.IsCompleted || await OutboxCountAsync(database) > 0)
            {
                if (await relay.RelayOnceAsync(CancellationToken.None) == 0)
                {
                    await Task.Delay(10);
                }
            }
        })));
        var sessions = await accepting;
        await relaying;

        await AssertDeliveredOnceInOrderAsync(bus, sessions);
    }

    [Fact]
    public async Task A_failing_bus_is_logged_without_what_the_bus_quoted_and_nothing_leaves_the_outbox()
    {
        var database = await fixture.OpenAsync();
        var store = new PostgresReferralStore(database, time, PostgresBus.External);
        await AcceptAndMoveAsync(store, referrals: 1);
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var relay = new OutboxRelay(database, new RefusingQueue(Referrals.ClaimantLastName), new PostgresOptions(), time, factory.CreateLogger<OutboxRelay>());

        await relay.StartAsync(CancellationToken.None);
        for (var i = 0; i < 200 && !logs.AllText.Contains("Outbox relay failed", StringComparison.Ordinal); i++)
        {
            await Task.Delay(25);
        }

        await relay.StopAsync(CancellationToken.None);
        Assert.Contains("Outbox relay failed with InvalidOperationException", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Referrals.ClaimantLastName, logs.AllText, StringComparison.Ordinal);
        Assert.Equal(4, await OutboxCountAsync(database));
    }

    /// <summary>Accepts referrals emitting two messages each, then moves each once emitting two more; returns each session's ids in emit order.</summary>
    private async Task<Dictionary<string, List<string>>> AcceptAndMoveAsync(PostgresReferralStore store, int referrals)
    {
        var sessions = new Dictionary<string, List<string>>();
        for (var i = 0; i < referrals; i++)
        {
            var referral = Referrals.New(time, deliveryId: "d-" + i);
            var id = referral.ReferralId;
            sessions[id] = [$"accept-1:{id}", $"accept-2:{id}", $"move-1:{id}", $"move-2:{id}"];
            await store.AcceptAsync(referral with { Emit = [Message(sessions[id][0], id), Message(sessions[id][1], id)] }, CancellationToken.None);
            var entry = new TimelineEntry(time.GetUtcNow(), "referral.triaged", ReferralStatus.Triaged, MessageId: "triage:" + id);
            var outcome = await store.TransitionAsync(
                new ReferralTransition(id, ReferralStatus.Received, ReferralStatus.Triaged, entry, [Message(sessions[id][2], id), Message(sessions[id][3], id)]),
                CancellationToken.None);
            Assert.Equal(TransitionResult.Applied, outcome.Result);
        }

        return sessions;
    }

    private static async Task AssertDeliveredOnceInOrderAsync(PostgresMessageQueue bus, Dictionary<string, List<string>> sessions)
    {
        var delivered = new Dictionary<string, List<string>>();
        while (await bus.ReceiveAsync(100, CancellationToken.None) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                Assert.Equal(1, message.DeliveryCount);
                (delivered.TryGetValue(message.SessionId, out var list) ? list : delivered[message.SessionId] = []).Add(message.MessageId);
                await bus.CompleteAsync(message, CancellationToken.None);
            }
        }

        Assert.Equal(sessions.Keys.Order(), delivered.Keys.Order());
        foreach (var (session, expected) in sessions)
        {
            Assert.Equal(expected, delivered[session]);
        }
    }

    private static QueueMessage Message(string id, string session) => new(id, "TestEvent", session, Encoding.UTF8.GetBytes("{}"));

    private PostgresMessageQueue Bus(PostgresDatabase database) => new(database, time, new QueueOptions());

    private OutboxRelay Relay(PostgresDatabase database, IMessageQueue bus) =>
        new(database, bus, new PostgresOptions(), time, NullLogger<OutboxRelay>.Instance);

    private static async Task<long> OutboxCountAsync(PostgresDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM outbox;");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();
}
