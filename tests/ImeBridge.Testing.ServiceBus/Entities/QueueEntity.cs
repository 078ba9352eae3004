using Amqp.Framing;
using ImeBridge.Testing.ServiceBus.Protocol;

namespace ImeBridge.Testing.ServiceBus.Entities;

/// <summary>
/// The state of one queue and its dead-letter queue, with the rules Service Bus applies to a session-enabled queue:
/// duplicate detection, scheduled enqueue, one receiver per session, peek-lock with delivery counts, dead-lettering,
/// and locks that expire on the queue's clock. Time is read lazily: every operation first expires what is due, so a
/// test that moves a fake clock sees the effect on its next call. Sends to links happen after the lock is released.
/// A request for the next available session waits (as on Service Bus) until a session becomes free or its client's
/// timeout passes: a send, a scheduled message falling due, or a released or expired session lock hands it one.
/// </summary>
internal sealed class QueueEntity(string name, ServiceBusQueueSettings settings, TimeProvider time)
{
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    private readonly object gate = new();
    private readonly SortedDictionary<long, StoredMessage> active = [];
    private readonly SortedDictionary<long, StoredMessage> deadLetters = [];
    private readonly Dictionary<string, (DateTimeOffset SeenAt, long SequenceNumber)> recentIds = new(StringComparer.Ordinal);
    private readonly SessionLocks sessions = new(settings.LockDuration);
    private readonly List<IQueueReceiver> receivers = [];
    private readonly SessionWaiters waiters = new();
    private long nextSequenceNumber = 1;

    public string Name { get; } = name;

    public ServiceBusQueueSettings Settings { get; } = settings;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Enqueues a message (or schedules it); returns its sequence number, or the first one's for a duplicate id.</summary>
    public long Enqueue(Amqp.Message message, DateTimeOffset? scheduledFor)
    {
        // Service Bus gives a message without an id one of its own.
        var messageId = message.Properties?.MessageId ?? Guid.NewGuid().ToString("N");
        var sessionId = message.Properties?.GroupId;
        if (Settings.RequiresSession && string.IsNullOrEmpty(sessionId))
        {
            throw new EntityException(EntityException.NotAllowed, $"The queue '{Name}' requires a session id on every message.");
        }

        long sequenceNumber;
        var work = new PendingWork();
        lock (gate)
        {
            Sweep(work);
            if (recentIds.TryGetValue(messageId, out var seen))
            {
                sequenceNumber = seen.SequenceNumber;
            }
            else
            {
                var now = Now;
                sequenceNumber = nextSequenceNumber++;
                var scheduled = scheduledFor is { } at && at > now ? at : (DateTimeOffset?)null;
                active.Add(sequenceNumber, new StoredMessage
                {
                    SequenceNumber = sequenceNumber,
                    MessageId = messageId,
                    SessionId = string.IsNullOrEmpty(sessionId) ? null : sessionId,
                    Original = message,
                    EnqueuedAt = scheduled ?? now,
                    ScheduledFor = scheduled,
                });
                recentIds[messageId] = (now, sequenceNumber);
                Pump(work);
            }
        }

        work.Run();
        return sequenceNumber;
    }

    /// <summary>Removes a scheduled message that is not yet due. Unknown numbers are ignored, as Service Bus does.</summary>
    public void CancelScheduled(long sequenceNumber)
    {
        lock (gate)
        {
            if (active.TryGetValue(sequenceNumber, out var message) && message.ScheduledFor is { } at && at > Now)
            {
                active.Remove(sequenceNumber);
            }
        }
    }

    /// <summary>Locks the named session for <paramref name="receiver"/>, whether or not it holds messages, as Service Bus does.</summary>
    public SessionLock AcceptSession(string sessionId, IQueueReceiver receiver)
    {
        var work = new PendingWork();
        SessionLock accepted;
        lock (gate)
        {
            Sweep(work);
            accepted = sessions.Lock(sessionId, receiver, Now);
            receiver.SessionId = sessionId;
        }

        work.Run();
        return accepted;
    }

    /// <summary>
    /// Gives <paramref name="waiter"/> the free session with the oldest due message, now or as soon as one becomes free;
    /// it times out at its deadline. A waiter whose link closes is dropped by <see cref="Detach"/>.
    /// </summary>
    public void AcceptNextSession(SessionWaiter waiter)
    {
        var work = new PendingWork();
        lock (gate)
        {
            Sweep(work);
            waiters.Park(waiter);
            HandOutSessions(work);
            ExpireWaiters(work);
        }

        work.Run();
    }

    /// <summary>Registers a receiver whose attach was answered; it gets messages as it grants credit.</summary>
    public void Attach(IQueueReceiver receiver)
    {
        var work = new PendingWork();
        lock (gate)
        {
            if (receiver.IsClosed)
            {
                // The link closed while its attach was being answered: what it locked is free again.
                sessions.Release(receiver);
            }
            else
            {
                receivers.Add(receiver);
            }

            Pump(work);
        }

        work.Run();
    }

    public void AddCredit(IQueueReceiver receiver, int delta)
    {
        var work = new PendingWork();
        lock (gate)
        {
            receiver.Credit = delta <= 0 ? 0 : receiver.Credit + delta;
            Sweep(work);
            Pump(work);
            if (receiver.IsDraining)
            {
                receiver.Credit = 0;
                work.Add(receiver.CompleteDrain);
            }
        }

        work.Run();
    }

    /// <summary>Delivers what is due to receivers with credit, expires locks: for a clock that moved with no other call.</summary>
    public void Tick()
    {
        var work = new PendingWork();
        lock (gate)
        {
            Sweep(work);
            Pump(work);
        }

        work.Run();
    }

    /// <summary>Applies a receiver's disposition (complete, abandon, defer, dead-letter). Returns the error condition when the lock was lost.</summary>
    public string? Settle(IQueueReceiver receiver, Guid lockToken, DeliveryState? outcome)
    {
        var work = new PendingWork();
        string? error = null;
        lock (gate)
        {
            Sweep(work);
            var store = receiver.FromDeadLetterQueue ? deadLetters : active;
            var message = store.Values.FirstOrDefault(m => m.LockToken == lockToken);
            if (message is null || !ReferenceEquals(message.LockOwner, receiver) || !sessions.IsHeldBy(receiver))
            {
                error = receiver.SessionId is null ? EntityException.MessageLockLost : EntityException.SessionLockLost;
            }
            else
            {
                Apply(message, store, outcome);
                Pump(work);
            }
        }

        work.Run();
        return error;
    }

    /// <summary>A receiver link closed (or gave up waiting for a session): its session is released and what it held becomes available again.</summary>
    public void Detach(IQueueReceiver receiver)
    {
        var work = new PendingWork();
        lock (gate)
        {
            receivers.Remove(receiver);
            waiters.Remove(receiver);
            foreach (var message in active.Values.Concat(deadLetters.Values).Where(m => ReferenceEquals(m.LockOwner, receiver)).ToList())
            {
                Release(message, receiver.FromDeadLetterQueue ? deadLetters : active);
            }

            sessions.Release(receiver);

            Sweep(work);
            Pump(work);
        }

        work.Run();
    }

    /// <summary>Extends a session lock held by the receiver link named <paramref name="linkName"/> (any holder when null).</summary>
    public DateTimeOffset RenewSessionLock(string sessionId, string? linkName)
    {
        var work = new PendingWork();
        DateTimeOffset lockedUntil;
        lock (gate)
        {
            Sweep(work);
            lockedUntil = sessions.Renew(sessionId, linkName, Now);
        }

        work.Run();
        return lockedUntil;
    }

    /// <summary>Extends message locks; a session message's lock is its session's lock.</summary>
    public IReadOnlyList<DateTimeOffset> RenewLocks(IReadOnlyList<Guid> lockTokens)
    {
        var work = new PendingWork();
        var renewed = new List<DateTimeOffset>();
        lock (gate)
        {
            Sweep(work);
            foreach (var token in lockTokens)
            {
                var message = active.Values.Concat(deadLetters.Values).FirstOrDefault(m => m.LockToken == token)
                    ?? throw new EntityException(EntityException.MessageLockLost, "The message lock was lost.");
                if (message.LockOwner is IQueueReceiver { SessionId: { } sessionId } owner && sessions.IsHeldBy(owner))
                {
                    renewed.Add(sessions.Renew(sessionId, owner.LinkName, Now));
                }
                else
                {
                    message.LockedUntil = Now + Settings.LockDuration;
                    renewed.Add(message.LockedUntil);
                }
            }
        }

        work.Run();
        return renewed;
    }

    /// <summary>Copies of up to <paramref name="count"/> messages from <paramref name="fromSequenceNumber"/> on, without locking them.</summary>
    public IReadOnlyList<Amqp.Message> Peek(long fromSequenceNumber, int count, bool deadLetterQueue, string? sessionId)
    {
        var work = new PendingWork();
        List<Amqp.Message> peeked;
        lock (gate)
        {
            Sweep(work);
            peeked = (deadLetterQueue ? deadLetters : active).Values
                .Where(m => m.SequenceNumber >= fromSequenceNumber && (sessionId is null || m.SessionId == sessionId))
                .Take(count)
                .Select(m => MessageWire.ForPeek(m))
                .ToList();
        }

        work.Run();
        return peeked;
    }

    /// <summary>How many messages the queue and its dead-letter queue hold (scheduled ones included), for tests.</summary>
    public (int Active, int DeadLettered) Count()
    {
        lock (gate)
        {
            return (active.Count, deadLetters.Count);
        }
    }

    private static bool IsAvailable(StoredMessage message, DateTimeOffset now) => !message.IsLocked && !message.Deferred && message.IsDueAt(now);

    /// <summary>Expires session and message locks and forgotten message ids.</summary>
    private void Sweep(PendingWork work)
    {
        var now = Now;
        foreach (var expired in sessions.TakeExpired(now))
        {
            foreach (var message in active.Values.Where(m => ReferenceEquals(m.LockOwner, expired.Owner)).ToList())
            {
                Release(message, active);
            }

            receivers.Remove(expired.Owner);
            work.Add(expired.Owner.LoseLock);
        }

        foreach (var message in active.Values.Concat(deadLetters.Values).Where(m => m.LockOwner is IQueueReceiver { SessionId: null } && m.LockedUntil <= now).ToList())
        {
            Release(message, deadLetters.ContainsKey(message.SequenceNumber) ? deadLetters : active);
        }

        foreach (var forgotten in recentIds.Where(r => now - r.Value.SeenAt > Settings.DuplicateDetectionWindow).Select(r => r.Key).ToList())
        {
            recentIds.Remove(forgotten);
        }

        ExpireWaiters(work);
    }

    private void ExpireWaiters(PendingWork work)
    {
        foreach (var expired in waiters.TakeExpired(Now))
        {
            work.Add(expired.TimeOut);
        }
    }

    /// <summary>Gives each free session with a due message to the oldest waiter, sessions in the order of their oldest message.</summary>
    private void HandOutSessions(PendingWork work)
    {
        waiters.RemoveClosed();
        if (waiters.Count == 0)
        {
            return;
        }

        var now = Now;
        var free = active.Values
            .Where(m => m.SessionId is not null && IsAvailable(m, now) && !sessions.IsLocked(m.SessionId))
            .Select(m => m.SessionId!)
            .Distinct(StringComparer.Ordinal)
            .Take(waiters.Count)
            .ToList();
        foreach (var sessionId in free)
        {
            var waiter = waiters.TakeOldest();
            var accepted = sessions.Lock(sessionId, waiter.Receiver, now);
            waiter.Receiver.SessionId = sessionId;
            work.Add(() => waiter.Accept(accepted));
        }
    }

    /// <summary>Hands due messages to receivers with credit, oldest first, locking each one.</summary>
    private void Pump(PendingWork work)
    {
        var now = Now;
        foreach (var receiver in receivers)
        {
            var store = receiver.FromDeadLetterQueue ? deadLetters : active;
            while (receiver.Credit > 0)
            {
                var next = store.Values.FirstOrDefault(m => IsAvailable(m, now) && (receiver.FromDeadLetterQueue || m.SessionId == receiver.SessionId));
                if (next is null)
                {
                    break;
                }

                next.LockToken = Guid.NewGuid();
                next.LockOwner = receiver;
                next.DeliveryCount++;
                var lockedUntil = receiver.SessionId is { } sessionId ? sessions.LockedUntil(sessionId) : now + Settings.LockDuration;
                next.LockedUntil = lockedUntil;
                receiver.Credit--;
                var wire = MessageWire.ForDelivery(next, lockedUntil);
                work.Add(() => receiver.Deliver(wire));
            }
        }

        HandOutSessions(work);
    }

    private void Apply(StoredMessage message, SortedDictionary<long, StoredMessage> store, DeliveryState? outcome)
    {
        switch (outcome)
        {
            case Accepted:
                store.Remove(message.SequenceNumber);
                break;
            case Rejected rejected:
                message.Unlock();
                var info = rejected.Error?.Info;
                foreach (var key in info?.Keys.ToList() ?? [])
                {
                    message.ModifiedProperties[key.ToString()!] = info![key];
                }

                MoveToDeadLetters(message, null, null);
                break;
            case Modified { UndeliverableHere: true } deferred:
                message.Unlock();
                message.Deferred = true;
                CopyAnnotations(deferred, message);
                break;
            case Modified abandoned:
                CopyAnnotations(abandoned, message);
                Release(message, store);
                break;
            default:
                Release(message, store);
                break;
        }
    }

    private static void CopyAnnotations(Modified modified, StoredMessage message)
    {
        foreach (var key in modified.MessageAnnotations?.Keys.ToList() ?? [])
        {
            message.ModifiedProperties[key.ToString()!] = modified.MessageAnnotations![key];
        }
    }

    /// <summary>Gives a locked message back; after the last allowed delivery it goes to the dead-letter queue.</summary>
    private void Release(StoredMessage message, SortedDictionary<long, StoredMessage> store)
    {
        message.Unlock();
        if (store == active && message.DeliveryCount >= Settings.MaxDeliveryCount)
        {
            MoveToDeadLetters(
                message,
                MaxDeliveryCountExceeded,
                $"Message could not be consumed after {Settings.MaxDeliveryCount} delivery attempts.");
        }
    }

    private void MoveToDeadLetters(StoredMessage message, string? reason, string? description)
    {
        if (reason is not null)
        {
            message.ModifiedProperties["DeadLetterReason"] = reason;
            message.ModifiedProperties["DeadLetterErrorDescription"] = description;
        }

        active.Remove(message.SequenceNumber);
        message.DeadLetterSource = Name;
        deadLetters[message.SequenceNumber] = message;
    }
}
