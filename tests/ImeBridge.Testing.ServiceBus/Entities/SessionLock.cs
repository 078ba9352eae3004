namespace ImeBridge.Testing.ServiceBus.Entities;

/// <summary>A session held by one receiver link until it is released or <see cref="LockedUntil"/> passes.</summary>
internal sealed class SessionLock(string sessionId, IQueueReceiver owner, DateTimeOffset lockedUntil)
{
    public string SessionId { get; } = sessionId;

    public IQueueReceiver Owner { get; } = owner;

    public DateTimeOffset LockedUntil { get; set; } = lockedUntil;
}

/// <summary>
/// The session locks of one queue: at most one receiver per session, for the lock duration unless renewed.
/// Not thread-safe on its own: the owning <see cref="QueueEntity"/> calls it under its lock.
/// </summary>
internal sealed class SessionLocks(TimeSpan lockDuration)
{
    private readonly Dictionary<string, SessionLock> held = new(StringComparer.Ordinal);

    public bool IsLocked(string sessionId) => held.ContainsKey(sessionId);

    public SessionLock Lock(string sessionId, IQueueReceiver owner, DateTimeOffset now)
    {
        if (held.ContainsKey(sessionId))
        {
            throw new EntityException(EntityException.SessionCannotBeLocked, $"The session '{sessionId}' is locked by another receiver.");
        }

        var sessionLock = new SessionLock(sessionId, owner, now + lockDuration);
        held[sessionId] = sessionLock;
        return sessionLock;
    }

    /// <summary>True when <paramref name="receiver"/> still holds its session (always for a receiver without sessions).</summary>
    public bool IsHeldBy(IQueueReceiver receiver) =>
        receiver.SessionId is not { } sessionId || (held.TryGetValue(sessionId, out var current) && ReferenceEquals(current.Owner, receiver));

    public DateTimeOffset LockedUntil(string sessionId) => held[sessionId].LockedUntil;

    /// <summary>Releases the session of <paramref name="receiver"/>, if it still holds it.</summary>
    public void Release(IQueueReceiver receiver)
    {
        if (receiver.SessionId is { } sessionId && IsHeldBy(receiver))
        {
            held.Remove(sessionId);
        }
    }

    /// <summary>Extends the lock for its holder (the receiver link named <paramref name="linkName"/> when given).</summary>
    public DateTimeOffset Renew(string sessionId, string? linkName, DateTimeOffset now)
    {
        if (!held.TryGetValue(sessionId, out var current) || (linkName is not null && current.Owner.LinkName != linkName))
        {
            throw new EntityException(EntityException.SessionLockLost, $"The lock on session '{sessionId}' was lost.");
        }

        current.LockedUntil = now + lockDuration;
        return current.LockedUntil;
    }

    /// <summary>Removes and returns the locks that have run out.</summary>
    public IReadOnlyList<SessionLock> TakeExpired(DateTimeOffset now)
    {
        var expired = held.Values.Where(s => s.LockedUntil <= now).ToList();
        foreach (var sessionLock in expired)
        {
            held.Remove(sessionLock.SessionId);
        }

        return expired;
    }
}
