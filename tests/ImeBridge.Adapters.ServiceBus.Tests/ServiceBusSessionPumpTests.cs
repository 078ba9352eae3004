using System.Text;
using ImeBridge.Core.Messaging;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.ServiceBus.Tests;

/// <summary>
/// The hosted session processor feeding the shared <see cref="MessageDispatcher"/>, on the real clock of the in-process
/// endpoint (the processor's own timers are real-time).
/// </summary>
public sealed class ServiceBusSessionPumpTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Each_session_is_dispatched_in_send_order_while_sessions_run_side_by_side()
    {
        var options = new QueueOptions { LockDuration = TimeSpan.FromSeconds(30) };
        await using var fixture = new ServiceBusFixture(TimeProvider.System, options);
        var queue = fixture.NewQueue(TimeProvider.System, options);
        var handler = new RecordingHandler { Duration = TimeSpan.FromMilliseconds(20) };
        var sent = new List<QueueMessage>();
        for (var i = 1; i <= 5; i++)
        {
            foreach (var session in new[] { "ref-A", "ref-B", "ref-C" })
            {
                sent.Add(Message($"{session}-{i}", session));
            }
        }

        await queue.SendAsync(sent, CancellationToken.None);
        await using (await StartPumpAsync(fixture, queue, handler, new CapturingLoggerProvider()))
        {
            await Until(() => handler.Handled.Count >= sent.Count);
        }

        foreach (var session in new[] { "ref-A", "ref-B", "ref-C" })
        {
            Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{session}-{i}"), handler.SucceededIn(session));
        }

        Assert.All(handler.Handled, h => Assert.Equal(1, h.DeliveryCount));
        Assert.Equal((0, 0), fixture.Bus.CountMessages(ServiceBusFixture.QueueName));
    }

    [Fact]
    public async Task A_handler_longer_than_the_lock_keeps_its_session_by_renewal_and_is_not_redelivered()
    {
        var options = new QueueOptions { LockDuration = TimeSpan.FromSeconds(2) };
        await using var fixture = new ServiceBusFixture(TimeProvider.System, options);
        var queue = fixture.NewQueue(TimeProvider.System, options);
        var handler = new RecordingHandler { Duration = TimeSpan.FromSeconds(5) };
        await queue.SendAsync([Message("slow-1", "ref-slow"), Message("slow-2", "ref-slow")], CancellationToken.None);

        await using (await StartPumpAsync(fixture, queue, handler, new CapturingLoggerProvider()))
        {
            await Until(() => handler.Handled.Count >= 2);
        }

        Assert.Equal(["slow-1", "slow-2"], handler.SucceededIn("ref-slow"));
        Assert.All(handler.Handled, h => Assert.Equal(1, h.DeliveryCount));
        Assert.Equal((0, 0), fixture.Bus.CountMessages(ServiceBusFixture.QueueName));
    }

    [Fact]
    public async Task A_failed_message_is_retried_after_its_delay_holding_its_referral_but_not_others_and_logs_no_body()
    {
        var options = new QueueOptions { LockDuration = TimeSpan.FromSeconds(30) };
        var adapterClock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var fixture = new ServiceBusFixture(TimeProvider.System, options);
        var queue = fixture.NewQueue(adapterClock, options);
        var handler = new RecordingHandler();
        handler.FailOnce("a1");
        var logs = new CapturingLoggerProvider();
        await queue.SendAsync([Message("a1", "ref-A", """{"claimant":"Jane Roe"}"""), Message("a2", "ref-A"), Message("b1", "ref-B")], CancellationToken.None);

        await using (await StartPumpAsync(fixture, queue, handler, logs))
        {
            await Until(() => handler.Handled.Any(h => h.MessageId == "a1") && handler.SucceededIn("ref-B").Count == 1);
            await Task.Delay(500);
            Assert.DoesNotContain(handler.Handled, h => h.MessageId == "a2");

            // The dispatcher asked for RetryBackoff.For(1) = 5 s; the adapter's clock decides when that has passed.
            await Until(() =>
            {
                adapterClock.Advance(TimeSpan.FromSeconds(1));
                return handler.SucceededIn("ref-A").Count == 2;
            });
        }

        Assert.Equal(["a1", "a2"], handler.SucceededIn("ref-A"));
        Assert.Equal(2, handler.Handled.Single(h => h.MessageId == "a1" && h.Succeeded).DeliveryCount);
        Assert.Contains("TimeoutException", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Roe", logs.AllText, StringComparison.Ordinal);
    }

    private static QueueMessage Message(string id, string session, string? body = null) =>
        new(id, "TestEvent", session, Encoding.UTF8.GetBytes(body ?? $$"""{"id":"{{id}}"}"""));

    private static async Task<RunningPump> StartPumpAsync(ServiceBusFixture fixture, ServiceBusMessageQueue queue, RecordingHandler handler, CapturingLoggerProvider logs)
    {
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var dispatcher = new MessageDispatcher([handler], queue, loggerFactory.CreateLogger<MessageDispatcher>());
        var pump = new ServiceBusSessionPump(
            fixture.NewClient(),
            queue,
            dispatcher,
            new ServiceBusQueueOptions { QueueName = ServiceBusFixture.QueueName, MaxConcurrentSessions = 4, SessionIdleTimeout = TimeSpan.FromMilliseconds(500) },
            loggerFactory.CreateLogger<ServiceBusSessionPump>());
        await pump.StartAsync(CancellationToken.None);
        return new RunningPump(pump, loggerFactory);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The pump did not get there in time.");
            await Task.Delay(100);
        }
    }

    private sealed class RunningPump(ServiceBusSessionPump pump, ILoggerFactory loggerFactory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await pump.StopAsync(CancellationToken.None);
            pump.Dispose();
            loggerFactory.Dispose();
        }
    }
}
