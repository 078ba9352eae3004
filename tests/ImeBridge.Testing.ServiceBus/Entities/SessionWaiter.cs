namespace ImeBridge.Testing.ServiceBus.Entities;

/// <summary>
/// A receiver asking for "the next available session" (an attach whose session filter is null). Service Bus holds such an
/// attach open until a session with a due message is free or the client's timeout passes; answering "no session" at once
/// instead makes a session processor back off, and work for a new referral then waits seconds to be picked up.
/// </summary>
internal sealed class SessionWaiter(IQueueReceiver receiver, DateTimeOffset deadline, Action<SessionLock> accepted, Action timedOut)
{
    public IQueueReceiver Receiver { get; } = receiver;

    /// <summary>When the client stops waiting; the attach is then answered with <see cref="EntityException.Timeout"/>.</summary>
    public DateTimeOffset Deadline { get; } = deadline;

    /// <summary>Answers the attach with the locked session; called outside the queue's lock.</summary>
    public void Accept(SessionLock sessionLock) => accepted(sessionLock);

    /// <summary>Answers the attach with the timeout error; called outside the queue's lock.</summary>
    public void TimeOut() => timedOut();
}

/// <summary>
/// The parked <see cref="SessionWaiter"/>s of one queue, oldest first: the oldest gets the next session that becomes free.
/// Not thread-safe on its own: the owning <see cref="QueueEntity"/> calls it under its lock.
/// </summary>
internal sealed class SessionWaiters
{
    private readonly List<SessionWaiter> parked = [];

    public int Count => parked.Count;

    public void Park(SessionWaiter waiter) => parked.Add(waiter);

    /// <summary>Removes and returns the oldest waiter.</summary>
    public SessionWaiter TakeOldest()
    {
        var oldest = parked[0];
        parked.RemoveAt(0);
        return oldest;
    }

    /// <summary>Forgets the waiter of a receiver whose link closed.</summary>
    public void Remove(IQueueReceiver receiver) => parked.RemoveAll(w => ReferenceEquals(w.Receiver, receiver));

    /// <summary>Forgets waiters whose link is closing: their <see cref="QueueEntity.Detach"/> is on its way.</summary>
    public void RemoveClosed() => parked.RemoveAll(w => w.Receiver.IsClosed);

    /// <summary>Removes and returns the waiters whose client has stopped waiting.</summary>
    public IReadOnlyList<SessionWaiter> TakeExpired(DateTimeOffset now)
    {
        var expired = parked.Where(w => w.Deadline <= now).ToList();
        foreach (var waiter in expired)
        {
            parked.Remove(waiter);
        }

        return expired;
    }
}
