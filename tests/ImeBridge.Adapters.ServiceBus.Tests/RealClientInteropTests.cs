using System.Text;
using Azure.Messaging.ServiceBus;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.ServiceBus.Tests;

/// <summary>
/// What the adapter puts on the queue is what a plain Service Bus client sees, and the reverse: the adapter is not
/// talking to itself. Also the scheduling calls the port does not carry (cancellation by sequence number).
/// </summary>
public sealed class RealClientInteropTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);
    private readonly QueueOptions options = new() { LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 3 };

    [Fact]
    public async Task A_plain_session_receiver_sees_the_message_the_adapter_sent()
    {
        await using var fixture = new ServiceBusFixture(time, options);
        var queue = fixture.NewQueue(time, options);
        await queue.SendAsync([new QueueMessage("evt-1", MessageTypes.ReferralReceived, "ref-42", Encoding.UTF8.GetBytes("""{"referralId":"ref-42"}"""))], CancellationToken.None);

        await using var receiver = await fixture.NewClient().AcceptSessionAsync(ServiceBusFixture.QueueName, "ref-42");
        var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5));

        Assert.NotNull(message);
        Assert.Equal("evt-1", message.MessageId);
        Assert.Equal("ref-42", message.SessionId);
        Assert.Equal(MessageTypes.ReferralReceived, message.ApplicationProperties["ImeBridge.Type"]);
        Assert.Equal("""{"referralId":"ref-42"}""", message.Body.ToString());
        Assert.Equal(Start, message.EnqueuedTime);
        Assert.Equal(1, message.DeliveryCount);
        await receiver.CompleteMessageAsync(message);
        Assert.Equal((0, 0), fixture.Bus.CountMessages(ServiceBusFixture.QueueName));
    }

    [Fact]
    public async Task The_adapter_receives_and_peeks_dead_letters_a_plain_client_made()
    {
        await using var fixture = new ServiceBusFixture(time, options);
        var client = fixture.NewClient();
        await using var sender = client.CreateSender(ServiceBusFixture.QueueName);
        var outgoing = new ServiceBusMessage("""{"x":1}""") { MessageId = "ext-1", SessionId = "ref-7" };
        outgoing.ApplicationProperties["ImeBridge.Type"] = "TestEvent";
        await sender.SendMessageAsync(outgoing);
        await using (var receiver = await client.AcceptNextSessionAsync(ServiceBusFixture.QueueName))
        {
            var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
            await receiver.DeadLetterMessageAsync(message, "UnknownSchema", "version 9");
        }

        var queue = fixture.NewQueue(time, options);
        var dead = Assert.Single(await queue.PeekDeadLettersAsync(10, CancellationToken.None));

        Assert.Equal(("ext-1", "TestEvent", "ref-7", "UnknownSchema", "version 9"), (dead.MessageId, dead.Type, dead.SessionId, dead.Reason, dead.Description));
        Assert.True(await queue.ReplayDeadLetterAsync(dead.SequenceNumber, CancellationToken.None));
        var replayed = Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None));
        Assert.Equal(("ext-1", "TestEvent", "ref-7", 1), (replayed.MessageId, replayed.Type, replayed.SessionId, replayed.DeliveryCount));
    }

    [Fact]
    public async Task A_cancelled_scheduled_message_never_arrives_and_an_uncancelled_one_does_when_due()
    {
        await using var fixture = new ServiceBusFixture(time, options);
        var queue = fixture.NewQueue(time, options);
        var cancelled = await queue.ScheduleAsync(Message("reminder-1", "ref-1"), Start.AddHours(24), CancellationToken.None);
        await queue.ScheduleAsync(Message("reminder-2", "ref-1"), Start.AddHours(24), CancellationToken.None);

        await queue.CancelScheduledAsync(cancelled, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(24));

        var due = Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None));
        Assert.Equal("reminder-2", due.MessageId);
        Assert.Equal(Start.AddHours(24), due.EnqueuedAt);
    }

    [Fact]
    public async Task A_named_session_held_by_one_receiver_cannot_be_accepted_by_another()
    {
        await using var fixture = new ServiceBusFixture(time, options);
        var queue = fixture.NewQueue(time, options);
        await queue.SendAsync([Message("m1", "ref-1")], CancellationToken.None);
        Assert.Single(await queue.ReceiveAsync(1, CancellationToken.None));

        var refused = await Assert.ThrowsAsync<ServiceBusException>(() => fixture.NewClient().AcceptSessionAsync(ServiceBusFixture.QueueName, "ref-1"));

        Assert.Equal(ServiceBusFailureReason.SessionCannotBeLocked, refused.Reason);
    }

    [Fact]
    public async Task Renewing_a_session_lock_keeps_the_message_past_its_first_lock_and_abandons_count_to_the_dead_letter_queue()
    {
        await using var fixture = new ServiceBusFixture(time, options);
        var client = fixture.NewClient();
        await fixture.NewQueue(time, options).SendAsync([Message("m1", "ref-1")], CancellationToken.None);

        await using (var receiver = await client.AcceptSessionAsync(ServiceBusFixture.QueueName, "ref-1"))
        {
            var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
            time.Advance(TimeSpan.FromSeconds(20));
            await receiver.RenewSessionLockAsync();
            Assert.Equal(Start.AddSeconds(50), receiver.SessionLockedUntil);
            time.Advance(TimeSpan.FromSeconds(20));
            await receiver.AbandonMessageAsync(message);
            for (var delivery = 2; delivery <= options.MaxDeliveryCount; delivery++)
            {
                message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
                Assert.Equal(delivery, message.DeliveryCount);
                await receiver.AbandonMessageAsync(message);
            }
        }

        await using var deadLetters = client.CreateReceiver(ServiceBusFixture.QueueName, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = Assert.Single(await deadLetters.PeekMessagesAsync(10));
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Equal(options.MaxDeliveryCount, dead.DeliveryCount);
    }

    [Fact]
    public async Task A_message_id_is_a_duplicate_only_within_the_detection_window()
    {
        await using var fixture = new ServiceBusFixture(time, options);
        var queue = fixture.NewQueue(time, options);
        await queue.SendAsync([Message("m1", "ref-1")], CancellationToken.None);
        await queue.CompleteAsync(Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None)), CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(9));
        await queue.SendAsync([Message("m1", "ref-1")], CancellationToken.None);
        Assert.Empty(await queue.ReceiveAsync(10, CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(2));
        await queue.SendAsync([Message("m1", "ref-1")], CancellationToken.None);
        Assert.Equal("m1", Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None)).MessageId);
    }

    [Fact]
    public async Task A_workflow_id_longer_than_Service_Bus_allows_is_sent_deduplicated_and_received_whole()
    {
        // Workflow ids name their causation chain; four steps in they pass Service Bus's 128-character MessageId limit.
        const string session = "ref_01a21efe337f7c1a9f0b31bb08c7a1ae";
        var id = $"ReferralStatusChanged:ReferralStatusChanged:ReferralStatusChanged:ReferralReceived:{session}:triage:match:documents";
        Assert.True(id.Length > 128);
        await using var fixture = new ServiceBusFixture(time, options);
        var queue = fixture.NewQueue(time, options);

        await queue.SendAsync([Message(id, session)], CancellationToken.None);
        await queue.SendAsync([Message(id, session)], CancellationToken.None);
        Assert.Equal((1, 0), fixture.Bus.CountMessages(ServiceBusFixture.QueueName));

        var received = Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None));
        Assert.Equal(id, received.MessageId);
        await queue.DeadLetterAsync(received, "Poison", "test", CancellationToken.None);
        var dead = Assert.Single(await queue.PeekDeadLettersAsync(10, CancellationToken.None));
        Assert.Equal(id, dead.MessageId);
        Assert.True(await queue.ReplayDeadLetterAsync(dead.SequenceNumber, CancellationToken.None));
        Assert.Equal(id, Assert.Single(await queue.ReceiveAsync(10, CancellationToken.None)).MessageId);
    }

    private static QueueMessage Message(string id, string session) => new(id, "TestEvent", session, Encoding.UTF8.GetBytes($$"""{"id":"{{id}}"}"""));
}
