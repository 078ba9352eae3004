using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using ImeBridge.Adapters.ServiceBus.Internal;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.ServiceBus;

/// <summary>
/// The workflow queue on one session-enabled Azure Service Bus queue. A message's <c>SessionId</c> is its Service Bus
/// session (the referral id), so Service Bus itself keeps per-referral order and lets one consumer hold a referral at a
/// time; <c>MessageId</c> feeds duplicate detection; <c>NotBefore</c> becomes a scheduled message; the type travels in an
/// application property; dead letters are peeked from the dead-letter queue.
/// <para>
/// Service Bus has no delayed abandon. An abandon with a retry delay therefore <b>holds</b> the message: the session stays
/// locked to this process (its lock renewed) until the delay has passed, then the message is abandoned, which keeps it at
/// the head of its session with one more delivery. Nothing else of that referral runs meanwhile, which is what per-referral
/// order asks for; other referrals are unaffected. If the process dies while holding, the lock expires and the message is
/// delivered again sooner than asked, never lost. At the last allowed delivery the adapter dead-letters the message itself
/// with reason <c>MaxDeliveryCountExceeded</c> and the error as description (Service Bus would write a generic one).
/// </para>
/// <para>
/// Replaying a dead letter sends a copy under a new Service Bus id (duplicate detection would drop the original id within
/// its window) carrying the original id for handlers, then completes the dead letter. The copy joins the end of its session
/// rather than its head: Service Bus cannot insert at the head.
/// </para>
/// </summary>
public sealed class ServiceBusMessageQueue : IMessageQueue, IAsyncDisposable
{
    private readonly ServiceBusClient client;
    private readonly ServiceBusSender sender;
    private readonly ServiceBusReceiver deadLetterPeeker;
    private readonly TimeProvider time;
    private readonly QueueOptions options;
    private readonly ServiceBusQueueOptions busOptions;
    private readonly ConcurrentDictionary<string, LockedMessage> locked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LockedMessage> held = new(StringComparer.Ordinal);

    public ServiceBusMessageQueue(ServiceBusClient client, TimeProvider time, QueueOptions options, ServiceBusQueueOptions busOptions)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(busOptions);
        this.client = client;
        this.time = time;
        this.options = options;
        this.busOptions = busOptions;
        sender = client.CreateSender(busOptions.QueueName);
        deadLetterPeeker = client.CreateReceiver(busOptions.QueueName, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
    }

    public string QueueName => busOptions.QueueName;

    /// <summary>A message Service Bus will never take (too large, an id it cannot carry) fails as <see cref="MessageRefusedException"/>.</summary>
    public async Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        try
        {
            await SendInOrderAsync(messages, cancellationToken);
        }
        catch (Exception ex) when (SendRefusals.IsRefusal(ex))
        {
            throw SendRefusals.Translate(ex);
        }
    }

    private async Task SendInOrderAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var immediate = new List<ServiceBusMessage>();
        foreach (var message in messages)
        {
            if (message.NotBefore is { } notBefore && notBefore > now)
            {
                await FlushAsync(immediate, cancellationToken);
                await sender.ScheduleMessageAsync(MessageMapping.ToServiceBus(message), notBefore, cancellationToken);
            }
            else
            {
                immediate.Add(MessageMapping.ToServiceBus(message));
            }
        }

        await FlushAsync(immediate, cancellationToken);
    }

    /// <summary>Schedules one message and returns its sequence number, which <see cref="CancelScheduledAsync"/> takes (reminders that no longer apply).</summary>
    public Task<long> ScheduleAsync(QueueMessage message, DateTimeOffset enqueueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return sender.ScheduleMessageAsync(MessageMapping.ToServiceBus(message), enqueueAt, cancellationToken);
    }

    /// <summary>Cancels a scheduled message that is not yet due; an unknown or already enqueued number is ignored.</summary>
    public Task CancelScheduledAsync(long sequenceNumber, CancellationToken cancellationToken) =>
        sender.CancelScheduledMessageAsync(sequenceNumber, cancellationToken);

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken)
    {
        await ReleaseHeldAsync(cancellationToken);
        var received = new List<ReceivedMessage>();
        var emptySessions = 0;
        while (received.Count < maxMessages && emptySessions < 2)
        {
            var receiver = await TryAcceptNextSessionAsync(cancellationToken);
            if (receiver is null)
            {
                break;
            }

            ServiceBusReceivedMessage? message;
            try
            {
                message = await receiver.ReceiveMessageAsync(busOptions.SessionAcceptWait, cancellationToken);
            }
            catch
            {
                await receiver.DisposeAsync();
                throw;
            }

            if (message is null)
            {
                emptySessions++;
                await receiver.DisposeAsync();
                continue;
            }

            var entry = new ReceiverLockedMessage(receiver, message) { SessionLockedUntil = receiver.SessionLockedUntil };
            locked[message.LockToken] = entry;
            received.Add(MessageMapping.ToReceived(message));
        }

        return received;
    }

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        SettleAsync(message, entry => entry.CompleteAsync(cancellationToken));

    public async Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.DeliveryCount >= options.MaxDeliveryCount)
        {
            await DeadLetterAsync(message, "MaxDeliveryCountExceeded", error, cancellationToken);
            return;
        }

        if (retryAfter <= TimeSpan.Zero)
        {
            await SettleAsync(message, entry => entry.AbandonAsync(new Dictionary<string, object>(), cancellationToken));
            return;
        }

        var entry = Take(message);
        entry.HeldUntil = time.GetUtcNow() + retryAfter;
        if (!entry.WaitsInline)
        {
            held[message.LockToken] = entry;
            return;
        }

        await SettleAsync(message, entry, async () =>
        {
            await HoldAsync(entry, cancellationToken);
            await entry.AbandonAsync(new Dictionary<string, object>(), cancellationToken);
        });
    }

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken) =>
        SettleAsync(message, entry => entry.DeadLetterAsync(
            reason,
            description,
            new Dictionary<string, object> { [MessageMapping.DeadLetteredAtProperty] = MessageMapping.Now(time) },
            cancellationToken));

    public async Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken)
    {
        var peeked = await deadLetterPeeker.PeekMessagesAsync(maxMessages, fromSequenceNumber: 0, cancellationToken);
        return peeked.Select(MessageMapping.ToDeadLettered).ToList();
    }

    public async Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken)
    {
        var found = await deadLetterPeeker.PeekMessagesAsync(1, sequenceNumber, cancellationToken);
        if (found.Count == 0 || found[0].SequenceNumber != sequenceNumber)
        {
            return false;
        }

        await using var receiver = client.CreateReceiver(busOptions.QueueName, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var passedOver = new List<ServiceBusReceivedMessage>();
        try
        {
            while (true)
            {
                var batch = await receiver.ReceiveMessagesAsync(16, busOptions.SessionAcceptWait, cancellationToken);
                if (batch.Count == 0)
                {
                    return false;
                }

                var deadLetter = batch.FirstOrDefault(m => m.SequenceNumber == sequenceNumber);
                passedOver.AddRange(batch.Where(m => m.SequenceNumber != sequenceNumber));
                if (deadLetter is not null)
                {
                    // Send first, then complete: a crash in between leaves a duplicate that the copy's id makes harmless.
                    await sender.SendMessageAsync(MessageMapping.Replay(deadLetter), cancellationToken);
                    await receiver.CompleteMessageAsync(deadLetter, cancellationToken);
                    return true;
                }
            }
        }
        finally
        {
            foreach (var other in passedOver)
            {
                try
                {
                    await receiver.AbandonMessageAsync(other, cancellationToken: CancellationToken.None);
                }
                catch (ServiceBusException)
                {
                    // Closing the receiver below gives it back as well.
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in locked.Values.Concat(held.Values))
        {
            await entry.ReleaseAsync();
        }

        await deadLetterPeeker.DisposeAsync();
        await sender.DisposeAsync();
    }

    /// <summary>Tracks a message the session pump's processor received, so that the dispatcher settles it through this queue.</summary>
    internal ReceivedMessage Track(ProcessSessionMessageEventArgs args)
    {
        var entry = new ProcessorLockedMessage(args) { SessionLockedUntil = args.SessionLockedUntil };
        locked[args.Message.LockToken] = entry;
        return MessageMapping.ToReceived(args.Message);
    }

    /// <summary>Forgets a message the pump's handler left unsettled (it failed before settling); the processor gives it back.</summary>
    internal void Forget(string lockToken) => locked.TryRemove(lockToken, out _);

    private async Task FlushAsync(List<ServiceBusMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count > 0)
        {
            await sender.SendMessagesAsync(messages, cancellationToken);
            messages.Clear();
        }
    }

    private async Task<ServiceBusSessionReceiver?> TryAcceptNextSessionAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(busOptions.SessionAcceptWait);
        try
        {
            return await client.AcceptNextSessionAsync(busOptions.QueueName, new ServiceBusSessionReceiverOptions { PrefetchCount = 0 }, wait.Token);
        }
        catch (ServiceBusException ex) when (ex.Reason == ServiceBusFailureReason.ServiceTimeout)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Gives back held messages whose delay has passed and keeps the sessions of the others locked.</summary>
    private async Task ReleaseHeldAsync(CancellationToken cancellationToken)
    {
        foreach (var (lockToken, entry) in held)
        {
            var now = time.GetUtcNow();
            try
            {
                if (entry.HeldUntil <= now)
                {
                    held.TryRemove(lockToken, out _);
                    await entry.AbandonAsync(new Dictionary<string, object>(), cancellationToken);
                    await entry.ReleaseAsync();
                }
                else if (entry.SessionLockedUntil - now < options.LockDuration / 2)
                {
                    entry.SessionLockedUntil = await entry.RenewSessionLockAsync(cancellationToken);
                }
            }
            catch (ServiceBusException ex) when (IsLockLost(ex))
            {
                // The lock expired meanwhile: Service Bus delivers the message again by itself.
                held.TryRemove(lockToken, out _);
                await entry.ReleaseAsync();
            }
        }
    }

    /// <summary>Waits out a retry delay while keeping the session lock alive.</summary>
    private async Task HoldAsync(LockedMessage entry, CancellationToken cancellationToken)
    {
        while (time.GetUtcNow() < entry.HeldUntil)
        {
            var now = time.GetUtcNow();
            var renewAt = entry.SessionLockedUntil - (options.LockDuration / 2);
            var wake = renewAt < entry.HeldUntil ? renewAt : entry.HeldUntil;
            if (wake > now)
            {
                await Task.Delay(wake - now, time, cancellationToken);
            }

            if (time.GetUtcNow() < entry.HeldUntil)
            {
                entry.SessionLockedUntil = await entry.RenewSessionLockAsync(cancellationToken);
            }
        }
    }

    private LockedMessage Take(ReceivedMessage message) =>
        locked.TryRemove(message.LockToken, out var entry)
            ? entry
            : throw new MessageLockLostException($"Message {message.MessageId} is not locked to this consumer: it was settled or its lock expired.");

    private Task SettleAsync(ReceivedMessage message, Func<LockedMessage, Task> settle)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entry = Take(message);
        return SettleAsync(message, entry, () => settle(entry));
    }

    private async Task SettleAsync(ReceivedMessage message, LockedMessage entry, Func<Task> settle)
    {
        try
        {
            await settle();
        }
        catch (ServiceBusException ex) when (IsLockLost(ex) || time.GetUtcNow() >= entry.SessionLockedUntil)
        {
            // Past the session lock, Service Bus detaches the session receiver; a settlement racing that detach fails
            // as "object is closed" (GeneralError) rather than SessionLockLost, but the cause is the same.
            throw new MessageLockLostException($"The lock on message {message.MessageId} was lost: {ex.Reason}.", ex);
        }
        catch (ObjectDisposedException ex)
        {
            // Service Bus closed the session receiver when the session lock expired.
            throw new MessageLockLostException($"The session receiver of message {message.MessageId} was closed: its lock was lost.", ex);
        }
        finally
        {
            await entry.ReleaseAsync();
        }
    }

    private static bool IsLockLost(ServiceBusException ex) =>
        ex.Reason is ServiceBusFailureReason.MessageLockLost or ServiceBusFailureReason.SessionLockLost;
}
