using System.Diagnostics;
using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Messaging;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImeBridge.Adapters.Postgres.Tests.Outbox;

/// <summary>
/// The relay wakes on the <c>NOTIFY</c> an outbox writer issues in its transaction, from any process, instead of
/// waiting out its poll; a lost listening connection falls back to polling and is opened again. The clock is the
/// system's: these tests are about real waits, with deadlines far below what the poll interval could explain.
/// </summary>
public sealed class OutboxWakeupTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromMinutes(10);
    private readonly PostgresCoreFixture fixture = new();
    private readonly CapturingLoggerProvider logs = new();
    private readonly ILoggerFactory loggers;

    public OutboxWakeupTests() => loggers = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

    [Fact]
    public async Task A_message_another_process_emits_while_the_relay_is_idle_arrives_long_before_its_poll()
    {
        var database = await fixture.OpenAsync();
        var bus = Bus(database);
        var relay = new OutboxRelay(database, bus, new PostgresOptions { OutboxPollInterval = LongPoll }, TimeProvider.System, loggers.CreateLogger<OutboxRelay>());
        await relay.StartAsync(CancellationToken.None);
        try
        {
            await ListenerAsync(database, notPid: null);
            await Task.Delay(500); // past the start-up round: idle in its 10-minute wait

            var otherProcess = await fixture.OpenAsync();
            var emitted = await EmitAsync(new PostgresReferralStore(otherProcess, TimeProvider.System, PostgresBus.External), "d-1");

            Assert.Equal([emitted], await ReceiveAsync(bus, count: 1, TimeSpan.FromSeconds(20)));

            // And again, once idle after that round: every commit wakes it, not only the first.
            var again = await EmitAsync(new PostgresReferralStore(otherProcess, TimeProvider.System, PostgresBus.External), "d-2");
            Assert.Equal([again], await ReceiveAsync(bus, count: 1, TimeSpan.FromSeconds(20)));
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }

        Assert.Equal(0, await ListenerCountAsync(database));
        AssertLogsHoldNoPhi();
    }

    [Fact]
    public async Task A_wake_up_that_comes_while_nobody_waits_is_kept_for_the_next_wait()
    {
        var database = await fixture.OpenAsync();
        await using var wakeups = new OutboxWakeups(database.DataSource, TimeProvider.System, NullLogger.Instance);
        wakeups.Start();
        await ListenerAsync(database, notPid: null);
        await Task.Delay(300);
        await wakeups.WaitAsync(TimeSpan.Zero, CancellationToken.None); // takes the wake-up listening starts with

        // Committed while the relay would be in a round.
        var otherProcess = await fixture.OpenAsync();
        await using (var notify = otherProcess.DataSource.CreateCommand(OutboxWakeups.Notify))
        {
            await notify.ExecuteNonQueryAsync();
        }

        await Task.Delay(1000);
        var clock = Stopwatch.StartNew();
        await wakeups.WaitAsync(LongPoll, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"waited {clock.Elapsed}");

        // Taken: the next wait is a full one again.
        clock.Restart();
        await wakeups.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited {clock.Elapsed}");
    }

    [Fact]
    public async Task A_killed_listening_connection_falls_back_to_polling_logs_its_type_and_listens_again()
    {
        var database = await fixture.OpenAsync();
        var bus = Bus(database);
        var options = new PostgresOptions { OutboxPollInterval = TimeSpan.FromMilliseconds(200), OutboxListenRetryDelay = TimeSpan.FromSeconds(8) };
        var relay = new OutboxRelay(database, bus, options, TimeProvider.System, loggers.CreateLogger<OutboxRelay>());
        await relay.StartAsync(CancellationToken.None);
        try
        {
            var first = await ListenerAsync(database, notPid: null);
            await TerminateAsync(database, first);
            await WaitForAsync(() => logs.AllText.Contains("Outbox wake-ups lost their listening connection", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

            // Nobody listens for the next 8 s: the 200 ms poll delivers it.
            var otherProcess = await fixture.OpenAsync();
            var emitted = await EmitAsync(new PostgresReferralStore(otherProcess, TimeProvider.System, PostgresBus.External), "d-1");
            Assert.Equal([emitted], await ReceiveAsync(bus, count: 1, TimeSpan.FromSeconds(6)));
            Assert.Equal(0, await ListenerCountAsync(database));
            Assert.DoesNotContain("listening again", logs.AllText, StringComparison.Ordinal);

            var second = await ListenerAsync(database, notPid: first);
            Assert.NotEqual(first, second);
            var after = await EmitAsync(new PostgresReferralStore(otherProcess, TimeProvider.System, PostgresBus.External), "d-2");
            Assert.Equal([after], await ReceiveAsync(bus, count: 1, TimeSpan.FromSeconds(20)));
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }

        Assert.Contains("Outbox wake-ups lost their listening connection with PostgresException (1 in a row)", logs.AllText, StringComparison.Ordinal);
        Assert.Contains("Outbox wake-ups listening again after 1 failed attempts", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("terminating connection", logs.AllText, StringComparison.OrdinalIgnoreCase);
        AssertLogsHoldNoPhi();
    }

    /// <summary>Accepts one referral in the given store emitting one message whose body names the claimant; returns its id.</summary>
    private static async Task<string> EmitAsync(PostgresReferralStore store, string deliveryId)
    {
        var referral = Referrals.New(TimeProvider.System, deliveryId: deliveryId);
        var id = "accept:" + referral.ReferralId;
        await store.AcceptAsync(referral with { Emit = [new QueueMessage(id, "TestEvent", referral.ReferralId, OutboxRows.Body(id))] }, CancellationToken.None);
        return id;
    }

    private static async Task<List<string>> ReceiveAsync(PostgresMessageQueue bus, int count, TimeSpan within)
    {
        var received = new List<string>();
        var clock = Stopwatch.StartNew();
        while (received.Count < count && clock.Elapsed < within)
        {
            foreach (var message in await bus.ReceiveAsync(10, CancellationToken.None))
            {
                received.Add(message.MessageId);
                await bus.CompleteAsync(message, CancellationToken.None);
            }

            await Task.Delay(50);
        }

        return received;
    }

    /// <summary>Waits for this database's listening session (other than <paramref name="notPid"/>) and returns its backend pid.</summary>
    private static async Task<int> ListenerAsync(PostgresDatabase database, int? notPid)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await using var find = database.DataSource.CreateCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name AND pid <> @not;");
            find.Parameters.AddWithValue("name", OutboxWakeups.ApplicationName);
            find.Parameters.AddWithValue("not", notPid ?? 0);
            if (await find.ExecuteScalarAsync() is int pid)
            {
                return pid;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no outbox listener");
    }

    private static async Task<long> ListenerCountAsync(PostgresDatabase database)
    {
        await using var count = database.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name;");
        count.Parameters.AddWithValue("name", OutboxWakeups.ApplicationName);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task TerminateAsync(PostgresDatabase database, int pid)
    {
        await using var kill = database.DataSource.CreateCommand("SELECT pg_terminate_backend(@pid);");
        kill.Parameters.AddWithValue("pid", pid);
        Assert.Equal(true, await kill.ExecuteScalarAsync());
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < within, "timed out");
            await Task.Delay(50);
        }
    }

    private void AssertLogsHoldNoPhi()
    {
        Assert.DoesNotContain(Referrals.ClaimantLastName, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("claimant", logs.AllText, StringComparison.OrdinalIgnoreCase);
    }

    private static PostgresMessageQueue Bus(PostgresDatabase database) => new(database, TimeProvider.System, new QueueOptions());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        loggers.Dispose();
        logs.Dispose();
        await fixture.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
