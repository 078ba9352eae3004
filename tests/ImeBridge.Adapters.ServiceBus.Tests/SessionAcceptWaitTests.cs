using System.Text;
using Azure.Messaging.ServiceBus;
using ImeBridge.Core.Messaging;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.ServiceBus.Tests;

/// <summary>
/// Service Bus holds an accept for "the next available session" open until a session with a due message is free or the
/// client's try-timeout passes; the in-process endpoint must too, or a session processor backs off between accepts and a
/// new referral waits to be picked up. Clients here wait a minute (<see cref="LongTryTimeout"/>) and do not retry, so an
/// accept that succeeds was held, not answered "no session" and asked again.
/// </summary>
public sealed class SessionAcceptWaitTests
{
    private static readonly TimeSpan LongTryTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);
    private static readonly ServiceBusSessionReceiverOptions NoPrefetch = new() { PrefetchCount = 0 };
    private readonly QueueOptions options = new() { LockDuration = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task An_accept_waiting_on_an_empty_queue_gets_the_first_session_that_receives_a_message()
    {
        await using var fixture = new ServiceBusFixture(TimeProvider.System, options);
        await using var client = PatientClient(fixture);
        var accepting = client.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch);
        await Task.Delay(Settle);
        Assert.False(accepting.IsCompleted, "The accept was answered while no session had a message.");

        await SendAsync(client, "ref-new");
        await using var receiver = await accepting.WaitAsync(Patience);

        Assert.Equal("ref-new", receiver.SessionId);
        var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("ref-new-1", message?.MessageId);
    }

    [Fact]
    public async Task A_waiting_accept_is_answered_with_the_timeout_error_once_the_clients_wait_passes_on_the_endpoints_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
        await using var fixture = new ServiceBusFixture(clock, options);
        await using var client = PatientClient(fixture);
        var accepting = client.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch);
        await Task.Delay(Settle);
        clock.Advance(LongTryTimeout - TimeSpan.FromSeconds(5));
        await Task.Delay(Settle);
        Assert.False(accepting.IsCompleted, "The accept was answered before the client's wait had passed.");

        clock.Advance(TimeSpan.FromSeconds(6));
        var refused = await Assert.ThrowsAsync<ServiceBusException>(() => accepting.WaitAsync(Patience));

        Assert.Equal(ServiceBusFailureReason.ServiceTimeout, refused.Reason);
    }

    [Fact]
    public async Task Two_waiting_accepts_never_get_the_same_session()
    {
        await using var fixture = new ServiceBusFixture(TimeProvider.System, options);
        await using var first = PatientClient(fixture);
        await using var second = PatientClient(fixture);
        var accepts = new[] { first.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch), second.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch) };
        await Task.Delay(Settle);

        await SendAsync(first, "ref-1", messages: 3);
        var winner = await await Task.WhenAny(accepts).WaitAsync(Patience);
        await Task.Delay(Settle);
        var waiting = Assert.Single(accepts, a => !a.IsCompleted);
        await SendAsync(first, "ref-2");
        var other = await waiting.WaitAsync(Patience);

        Assert.Equal(["ref-1", "ref-2"], new[] { winner.SessionId, other.SessionId });
        await winner.DisposeAsync();
        await other.DisposeAsync();
    }

    [Fact]
    public async Task Many_waiting_accepts_given_a_burst_of_sessions_get_one_session_each()
    {
        await using var fixture = new ServiceBusFixture(TimeProvider.System, options);
        await using var first = PatientClient(fixture);
        await using var second = PatientClient(fixture);
        var accepts = Enumerable.Range(0, 8)
            .Select(i => (i % 2 == 0 ? first : second).AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch))
            .ToList();
        await Task.Delay(Settle);

        await using var sender = first.CreateSender(ServiceBusFixture.QueueName);
        await sender.SendMessagesAsync(Enumerable.Range(1, 8).Select(i => new ServiceBusMessage("{}") { MessageId = $"m{i}", SessionId = $"ref-{i}" }));
        var receivers = await Task.WhenAll(accepts).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"ref-{i}").Order(StringComparer.Ordinal), receivers.Select(r => r.SessionId).Order(StringComparer.Ordinal));
        foreach (var receiver in receivers)
        {
            await receiver.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_accept_its_client_gave_up_on_takes_no_session_and_leaves_the_connection_working()
    {
        await using var fixture = new ServiceBusFixture(TimeProvider.System, options);
        await using var client = PatientClient(fixture);
        await SendAsync(client, "ref-held");
        await using var held = await client.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch);
        var heldMessage = await held.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(heldMessage);

        using (var giveUp = new CancellationTokenSource(Settle))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch, giveUp.Token));
        }

        var closing = PatientClient(fixture);
        var abandoned = closing.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch);
        await Task.Delay(Settle);
        await closing.DisposeAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => abandoned);

        await SendAsync(client, "ref-next");
        await using var next = await client.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch).WaitAsync(Patience);
        Assert.Equal("ref-next", next.SessionId);

        // The detach of the unanswered accept did not take the connection, and the held session, down with it.
        await held.CompleteMessageAsync(heldMessage);
    }

    [Fact]
    public async Task A_waiting_accept_gets_a_session_whose_scheduled_message_falls_due()
    {
        var start = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        await using var fixture = new ServiceBusFixture(clock, options);
        await using var client = PatientClient(fixture);
        await using var sender = client.CreateSender(ServiceBusFixture.QueueName);
        await sender.ScheduleMessageAsync(new ServiceBusMessage("{}") { MessageId = "reminder", SessionId = "ref-later" }, start.AddSeconds(30));
        var accepting = client.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch);
        await Task.Delay(Settle);
        Assert.False(accepting.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(30));
        await using var receiver = await accepting.WaitAsync(Patience);

        Assert.Equal("ref-later", receiver.SessionId);
    }

    [Fact]
    public async Task A_waiting_accept_gets_a_session_released_with_messages_left()
    {
        await using var fixture = new ServiceBusFixture(TimeProvider.System, options);
        await using var client = PatientClient(fixture);
        await SendAsync(client, "ref-busy", messages: 2);
        var holder = await client.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch);
        await holder.CompleteMessageAsync(await holder.ReceiveMessageAsync(TimeSpan.FromSeconds(5)));
        var accepting = client.AcceptNextSessionAsync(ServiceBusFixture.QueueName, NoPrefetch);
        await Task.Delay(Settle);
        Assert.False(accepting.IsCompleted, "The session is still held.");

        await holder.DisposeAsync();
        await using var receiver = await accepting.WaitAsync(Patience);

        Assert.Equal("ref-busy", receiver.SessionId);
        Assert.Equal("ref-busy-2", (await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5)))?.MessageId);
    }

    [Fact]
    public async Task The_session_pump_idle_on_an_empty_queue_handles_a_new_referral_before_its_clients_try_timeout()
    {
        await using var fixture = new ServiceBusFixture(TimeProvider.System, options);
        var queue = fixture.NewQueue(TimeProvider.System, options);
        var handler = new RecordingHandler();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new CapturingLoggerProvider()));
        await using var client = PatientClient(fixture);
        using var pump = new ServiceBusSessionPump(
            client,
            queue,
            new MessageDispatcher([handler], queue, loggerFactory.CreateLogger<MessageDispatcher>()),
            new ServiceBusQueueOptions { QueueName = ServiceBusFixture.QueueName, MaxConcurrentSessions = 8 },
            loggerFactory.CreateLogger<ServiceBusSessionPump>());
        await pump.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var sentAt = TimeProvider.System.GetTimestamp();
            await queue.SendAsync([new QueueMessage("first-step", "TestEvent", "ref-fresh", Encoding.UTF8.GetBytes("{}"))], CancellationToken.None);

            while (handler.SucceededIn("ref-fresh").Count == 0)
            {
                Assert.True(TimeProvider.System.GetElapsedTime(sentAt) < Patience, "The pump did not pick the new referral up.");
                await Task.Delay(50);
            }

            Assert.True(TimeProvider.System.GetElapsedTime(sentAt) < LongTryTimeout);
        }
        finally
        {
            await pump.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A client that waits a minute per try (Service Bus's default) and does not retry.</summary>
    private static ServiceBusClient PatientClient(ServiceBusFixture fixture) =>
        new(fixture.Bus.ConnectionString, new ServiceBusClientOptions { RetryOptions = { MaxRetries = 0, TryTimeout = LongTryTimeout } });

    private static async Task SendAsync(ServiceBusClient client, string sessionId, int messages = 1)
    {
        await using var sender = client.CreateSender(ServiceBusFixture.QueueName);
        await sender.SendMessagesAsync(Enumerable.Range(1, messages).Select(i => new ServiceBusMessage("{}") { MessageId = $"{sessionId}-{i}", SessionId = sessionId }));
    }
}
