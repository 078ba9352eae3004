using System.Text;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Queue;

/// <summary>
/// What every <see cref="IMessageQueue"/> adapter must do (Service Bus with sessions semantics). Subclass it once per
/// adapter: the embedded SQLite queue, Azure Service Bus. The clock is a <see cref="FakeTimeProvider"/> moved by the tests.
/// </summary>
public abstract class MessageQueueContract
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    protected MessageQueueContract()
    {
        Time = new FakeTimeProvider(Start);
        Options = new QueueOptions { LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 3 };
    }

    protected FakeTimeProvider Time { get; }

    protected QueueOptions Options { get; }

    /// <summary>A new, empty queue that reads <paramref name="time"/>.</summary>
    protected abstract Task<IMessageQueue> CreateQueueAsync(FakeTimeProvider time, QueueOptions options);

    /// <summary>A new instance over the storage of the queue created last, as after a process restart; the old instance is released.</summary>
    protected abstract Task<IMessageQueue> ReopenQueueAsync(FakeTimeProvider time, QueueOptions options);

    protected static QueueMessage Message(string id, string session, string? body = null, DateTimeOffset? notBefore = null) =>
        new(id, "TestEvent", session, Encoding.UTF8.GetBytes(body ?? $$"""{"id":"{{id}}"}"""), notBefore);

    protected static string BodyText(ReceivedMessage message) => Encoding.UTF8.GetString(message.Body.Span);

    private Task<IMessageQueue> CreateAsync() => CreateQueueAsync(Time, Options);

    private static Task<IReadOnlyList<ReceivedMessage>> ReceiveAll(IMessageQueue queue) => queue.ReceiveAsync(100, CancellationToken.None);

    private static Task SendAsync(IMessageQueue queue, params QueueMessage[] messages) => queue.SendAsync(messages, CancellationToken.None);

    [Fact]
    public async Task Sent_message_is_received_with_its_content_and_a_first_delivery()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1", """{"hello":"world"}"""));

        var received = Assert.Single(await ReceiveAll(queue));

        Assert.Equal("m1", received.MessageId);
        Assert.Equal("TestEvent", received.Type);
        Assert.Equal("s1", received.SessionId);
        Assert.Equal("""{"hello":"world"}""", BodyText(received));
        Assert.Equal(1, received.DeliveryCount);
        Assert.Equal(Start, received.EnqueuedAt);
        Assert.False(string.IsNullOrEmpty(received.LockToken));
    }

    [Fact]
    public async Task Completed_message_is_not_delivered_again()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1"));
        var received = Assert.Single(await ReceiveAll(queue));

        await queue.CompleteAsync(received, CancellationToken.None);
        Time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(await ReceiveAll(queue));
    }

    [Fact]
    public async Task Sequence_numbers_grow_in_send_order()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("a", "s1"), Message("b", "s2"), Message("c", "s3"));

        var received = await ReceiveAll(queue);

        Assert.Equal(["a", "b", "c"], received.Select(m => m.MessageId));
        Assert.True(received[0].SequenceNumber < received[1].SequenceNumber && received[1].SequenceNumber < received[2].SequenceNumber);
    }

    [Fact]
    public async Task A_message_id_sent_twice_is_delivered_once()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1", "first"));
        await SendAsync(queue, Message("m1", "s2", "second"), Message("m1", "s3", "third"));

        var received = Assert.Single(await ReceiveAll(queue));
        Assert.Equal("first", BodyText(received));
    }

    [Fact]
    public async Task A_message_id_sent_again_after_completion_is_ignored()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1"));
        await queue.CompleteAsync(Assert.Single(await ReceiveAll(queue)), CancellationToken.None);

        await SendAsync(queue, Message("m1", "s1"));

        Assert.Empty(await ReceiveAll(queue));
    }

    [Fact]
    public async Task Each_session_is_delivered_in_order_one_message_at_a_time_while_sessions_interleave()
    {
        var queue = await CreateAsync();
        for (var i = 1; i <= 3; i++)
        {
            await SendAsync(queue, Message($"a{i}", "A"), Message($"b{i}", "B"), Message($"c{i}", "C"));
        }

        var delivered = new List<string>();
        for (var round = 1; round <= 3; round++)
        {
            var batch = await ReceiveAll(queue);
            Assert.Equal(3, batch.Count);
            Assert.Equal(3, batch.Select(m => m.SessionId).Distinct().Count());
            Assert.All(batch, m => Assert.EndsWith(round.ToString(System.Globalization.CultureInfo.InvariantCulture), m.MessageId, StringComparison.Ordinal));
            foreach (var message in batch)
            {
                delivered.Add(message.MessageId);
                await queue.CompleteAsync(message, CancellationToken.None);
            }
        }

        Assert.Empty(await ReceiveAll(queue));
        Assert.Equal(9, delivered.Count);
    }

    [Fact]
    public async Task A_locked_session_head_blocks_its_session_but_not_other_sessions()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("a1", "A"), Message("a2", "A"));
        var head = Assert.Single(await queue.ReceiveAsync(1, CancellationToken.None));
        Assert.Equal("a1", head.MessageId);

        await SendAsync(queue, Message("b1", "B"));
        var next = Assert.Single(await ReceiveAll(queue));
        Assert.Equal("b1", next.MessageId);

        await queue.CompleteAsync(head, CancellationToken.None);
        var afterHead = Assert.Single(await ReceiveAll(queue));
        Assert.Equal("a2", afterHead.MessageId);
    }

    [Fact]
    public async Task Receive_returns_at_most_the_number_asked_for_oldest_first()
    {
        var queue = await CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await SendAsync(queue, Message($"m{i}", $"s{i}"));
        }

        var first = await queue.ReceiveAsync(2, CancellationToken.None);
        var rest = await ReceiveAll(queue);

        Assert.Equal(["m0", "m1"], first.Select(m => m.MessageId));
        Assert.Equal(["m2", "m3", "m4"], rest.Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_scheduled_message_is_invisible_until_it_is_due()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("later", "s1", notBefore: Start.AddMinutes(10)));

        Assert.Empty(await ReceiveAll(queue));
        Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(await ReceiveAll(queue));
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("later", Assert.Single(await ReceiveAll(queue)).MessageId);
    }

    [Fact]
    public async Task A_scheduled_message_does_not_block_its_session()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("reminder", "s1", notBefore: Start.AddHours(1)), Message("now", "s1"));

        var first = Assert.Single(await ReceiveAll(queue));
        Assert.Equal("now", first.MessageId);
        await queue.CompleteAsync(first, CancellationToken.None);
        Assert.Empty(await ReceiveAll(queue));

        Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("reminder", Assert.Single(await ReceiveAll(queue)).MessageId);
    }

    [Fact]
    public async Task An_expired_lock_makes_the_message_deliverable_again_with_one_more_delivery()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1"), Message("m2", "s1"));
        var first = Assert.Single(await ReceiveAll(queue));

        Time.Advance(Options.LockDuration - TimeSpan.FromSeconds(1));
        Assert.Empty(await ReceiveAll(queue));
        Time.Advance(TimeSpan.FromSeconds(1));

        var again = Assert.Single(await ReceiveAll(queue));
        Assert.Equal("m1", again.MessageId);
        Assert.Equal(first.SequenceNumber, again.SequenceNumber);
        Assert.Equal(2, again.DeliveryCount);
        Assert.NotEqual(first.LockToken, again.LockToken);
    }

    [Fact]
    public async Task Completing_after_the_lock_expired_throws_lock_lost()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1"));
        var received = Assert.Single(await ReceiveAll(queue));

        Time.Advance(Options.LockDuration);

        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.CompleteAsync(received, CancellationToken.None));
    }

    [Fact]
    public async Task Settling_with_a_stale_lock_after_redelivery_throws_and_leaves_the_new_lock_intact()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1"));
        var stale = Assert.Single(await ReceiveAll(queue));
        Time.Advance(Options.LockDuration);
        var current = Assert.Single(await ReceiveAll(queue));

        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.CompleteAsync(stale, CancellationToken.None));
        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.AbandonAsync(stale, "Boom", TimeSpan.Zero, CancellationToken.None));
        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.DeadLetterAsync(stale, "Poison", null, CancellationToken.None));

        await queue.CompleteAsync(current, CancellationToken.None);
        Assert.Empty(await queue.PeekDeadLettersAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Completing_twice_throws_lock_lost()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1"));
        var received = Assert.Single(await ReceiveAll(queue));
        await queue.CompleteAsync(received, CancellationToken.None);

        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.CompleteAsync(received, CancellationToken.None));
    }

    [Fact]
    public async Task An_abandoned_message_keeps_its_place_and_comes_back_after_the_retry_delay()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1"), Message("m2", "s1"), Message("other", "s2"));
        var batch = await ReceiveAll(queue);
        var m1 = batch.Single(m => m.SessionId == "s1");
        await queue.CompleteAsync(batch.Single(m => m.SessionId == "s2"), CancellationToken.None);

        await queue.AbandonAsync(m1, "HttpRequestException", TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Empty(await ReceiveAll(queue));
        Time.Advance(TimeSpan.FromSeconds(5));
        var again = Assert.Single(await ReceiveAll(queue));
        Assert.Equal("m1", again.MessageId);
        Assert.Equal(2, again.DeliveryCount);

        await queue.CompleteAsync(again, CancellationToken.None);
        Assert.Equal("m2", Assert.Single(await ReceiveAll(queue)).MessageId);
    }

    [Fact]
    public async Task Abandoning_the_last_allowed_delivery_dead_letters_with_the_error_as_description()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1"), Message("m2", "s1"));

        for (var delivery = 1; delivery <= Options.MaxDeliveryCount; delivery++)
        {
            var received = Assert.Single(await ReceiveAll(queue));
            Assert.Equal("m1", received.MessageId);
            Assert.Equal(delivery, received.DeliveryCount);
            await queue.AbandonAsync(received, "TimeoutException", TimeSpan.Zero, CancellationToken.None);
        }

        var dead = Assert.Single(await queue.PeekDeadLettersAsync(10, CancellationToken.None));
        Assert.Equal("m1", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.Reason);
        Assert.Equal("TimeoutException", dead.Description);
        Assert.Equal(Options.MaxDeliveryCount, dead.DeliveryCount);
        Assert.Equal("s1", dead.SessionId);
        Assert.Equal(Start, dead.DeadLetteredAt);
        Assert.Equal("m2", Assert.Single(await ReceiveAll(queue)).MessageId);
    }

    [Fact]
    public async Task A_lock_that_expires_on_the_last_allowed_delivery_dead_letters_the_message()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("m1", "s1"));
        for (var delivery = 1; delivery <= Options.MaxDeliveryCount; delivery++)
        {
            Assert.Equal(delivery, Assert.Single(await ReceiveAll(queue)).DeliveryCount);
            Time.Advance(Options.LockDuration);
        }

        Assert.Empty(await ReceiveAll(queue));

        var dead = Assert.Single(await queue.PeekDeadLettersAsync(10, CancellationToken.None));
        Assert.Equal("MaxDeliveryCountExceeded", dead.Reason);
        Assert.Equal(Options.MaxDeliveryCount, dead.DeliveryCount);
    }

    [Fact]
    public async Task An_explicit_dead_letter_keeps_reason_description_and_body_and_frees_the_session()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("poison", "s1", """{"bad":true}"""), Message("next", "s1"));
        var received = Assert.Single(await ReceiveAll(queue));

        await queue.DeadLetterAsync(received, "UnknownSchema", "version 9 is not supported", CancellationToken.None);

        var dead = Assert.Single(await queue.PeekDeadLettersAsync(10, CancellationToken.None));
        Assert.Equal("poison", dead.MessageId);
        Assert.Equal(received.SequenceNumber, dead.SequenceNumber);
        Assert.Equal("UnknownSchema", dead.Reason);
        Assert.Equal("version 9 is not supported", dead.Description);
        Assert.Equal("""{"bad":true}""", Encoding.UTF8.GetString(dead.Body.Span));
        Assert.Equal(1, dead.DeliveryCount);
        Assert.Equal("next", Assert.Single(await ReceiveAll(queue)).MessageId);
    }

    [Fact]
    public async Task A_replayed_dead_letter_is_delivered_again_with_its_body_and_a_fresh_count()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("poison", "s1", """{"bad":true}"""));
        var received = Assert.Single(await ReceiveAll(queue));
        await queue.DeadLetterAsync(received, "DeliveryRefused", "partner answered 400", CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await queue.ReplayDeadLetterAsync(received.SequenceNumber, CancellationToken.None));
        Assert.False(await queue.ReplayDeadLetterAsync(received.SequenceNumber, CancellationToken.None));
        Assert.False(await queue.ReplayDeadLetterAsync(987_654, CancellationToken.None));

        Assert.Empty(await queue.PeekDeadLettersAsync(10, CancellationToken.None));
        var again = Assert.Single(await ReceiveAll(queue));
        Assert.Equal("poison", again.MessageId);
        Assert.Equal("""{"bad":true}""", BodyText(again));
        Assert.Equal(1, again.DeliveryCount);
    }

    [Fact]
    public async Task Peeking_dead_letters_returns_them_in_arrival_order_up_to_the_maximum_without_removing_them()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("d1", "s1"), Message("d2", "s2"), Message("d3", "s3"));
        foreach (var message in await ReceiveAll(queue))
        {
            await queue.DeadLetterAsync(message, "Poison", null, CancellationToken.None);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var firstTwo = await queue.PeekDeadLettersAsync(2, CancellationToken.None);
        var all = await queue.PeekDeadLettersAsync(10, CancellationToken.None);

        Assert.Equal(["d1", "d2"], firstTwo.Select(m => m.MessageId));
        Assert.Equal(["d1", "d2", "d3"], all.Select(m => m.MessageId));
        Assert.Null(all[0].Description);
    }

    [Fact]
    public async Task Messages_and_locks_survive_reopening_the_queue()
    {
        var queue = await CreateAsync();
        await SendAsync(queue, Message("locked", "s1"), Message("waiting", "s1"), Message("ready", "s2"), Message("later", "s3", notBefore: Start.AddMinutes(5)));
        var locked = Assert.Single(await queue.ReceiveAsync(1, CancellationToken.None));
        Assert.Equal("locked", locked.MessageId);

        var reopened = await ReopenQueueAsync(Time, Options);

        var ready = Assert.Single(await ReceiveAll(reopened));
        Assert.Equal("ready", ready.MessageId);
        await reopened.CompleteAsync(ready, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(5));
        var afterExpiry = await ReceiveAll(reopened);
        Assert.Equal(["locked", "later"], afterExpiry.Select(m => m.MessageId));
        Assert.Equal(2, afterExpiry[0].DeliveryCount);
        await reopened.SendAsync([Message("locked", "s1")], CancellationToken.None);
        await reopened.CompleteAsync(afterExpiry[0], CancellationToken.None);
        Assert.Equal("waiting", Assert.Single(await ReceiveAll(reopened)).MessageId);
    }
}
