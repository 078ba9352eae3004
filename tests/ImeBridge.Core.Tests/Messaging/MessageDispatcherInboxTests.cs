using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImeBridge.Core.Tests.Messaging;

public sealed class MessageDispatcherInboxTests
{
    private static readonly ReceivedMessage Message = new(7, "msg-1", "Counted", "s1", "{}"u8.ToArray(), 1, DateTimeOffset.UnixEpoch, "lock-1");

    [Fact]
    public async Task Without_an_inbox_the_handler_runs_and_the_message_is_completed()
    {
        var (queue, handler) = (new SettlementLog(), new Handler());

        await new MessageDispatcher([handler], queue, NullLogger<MessageDispatcher>.Instance).DispatchAsync(Message, CancellationToken.None);

        Assert.Equal(1, handler.Calls);
        Assert.Equal(["complete:msg-1"], queue.Settlements);
    }

    [Fact]
    public async Task A_handled_message_is_recorded_and_the_next_delivery_is_completed_without_the_handler()
    {
        var (queue, handler, inbox) = (new SettlementLog(), new Handler(), new MemoryInbox());
        var dispatcher = new MessageDispatcher([handler], queue, NullLogger<MessageDispatcher>.Instance, inbox);

        await dispatcher.DispatchAsync(Message, CancellationToken.None);
        await dispatcher.DispatchAsync(Message with { DeliveryCount = 2, LockToken = "lock-2" }, CancellationToken.None);

        Assert.Equal(1, handler.Calls);
        Assert.Equal(["msg-1|Counted"], inbox.Recorded);
        Assert.Equal(["complete:msg-1", "complete:msg-1"], queue.Settlements);
    }

    [Fact]
    public async Task A_failed_handler_is_not_recorded_so_the_retry_runs_it_again()
    {
        var (queue, handler, inbox) = (new SettlementLog(), new Handler { FailuresLeft = 1 }, new MemoryInbox());
        var dispatcher = new MessageDispatcher([handler], queue, NullLogger<MessageDispatcher>.Instance, inbox);

        await dispatcher.DispatchAsync(Message, CancellationToken.None);
        await dispatcher.DispatchAsync(Message with { DeliveryCount = 2 }, CancellationToken.None);

        Assert.Equal(2, handler.Calls);
        Assert.Equal(["abandon:msg-1", "complete:msg-1"], queue.Settlements);
        Assert.Equal(["msg-1|Counted"], inbox.Recorded);
    }

    [Fact]
    public async Task A_type_nobody_handles_is_completed_without_touching_the_inbox()
    {
        var (queue, inbox) = (new SettlementLog(), new MemoryInbox());

        await new MessageDispatcher([], queue, NullLogger<MessageDispatcher>.Instance, inbox).DispatchAsync(Message, CancellationToken.None);

        Assert.Equal(["complete:msg-1"], queue.Settlements);
        Assert.Empty(inbox.Recorded);
        Assert.Equal(0, inbox.Lookups);
    }

    private sealed class Handler : IMessageHandler
    {
        public int Calls { get; private set; }

        public int FailuresLeft { get; set; }

        public string MessageType => "Counted";

        public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
        {
            Calls++;
            return FailuresLeft-- > 0 ? throw new InvalidOperationException("transient") : Task.CompletedTask;
        }
    }

    private sealed class MemoryInbox : IMessageInbox
    {
        public List<string> Recorded { get; } = [];

        public int Lookups { get; private set; }

        public Task<bool> HasProcessedAsync(string messageId, string messageType, CancellationToken cancellationToken)
        {
            Lookups++;
            return Task.FromResult(Recorded.Contains(messageId + "|" + messageType));
        }

        public Task RecordProcessedAsync(string messageId, string messageType, CancellationToken cancellationToken)
        {
            Recorded.Add(messageId + "|" + messageType);
            return Task.CompletedTask;
        }
    }

    /// <summary>Records settlements only; the dispatcher never sends or receives.</summary>
    private sealed class SettlementLog : IMessageQueue
    {
        public List<string> Settlements { get; } = [];

        public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) => Log("complete", message);

        public Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken) => Log("abandon", message);

        public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken) => Log("dead", message);

        public Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken) => throw new NotSupportedException();

        private Task Log(string what, ReceivedMessage message)
        {
            Settlements.Add(what + ":" + message.MessageId);
            return Task.CompletedTask;
        }
    }
}
