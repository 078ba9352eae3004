namespace ImeBridge.Core.Ports;

/// <summary>
/// Named, expiring leases shared by every instance that uses the same store: "only one poll of partner X's
/// SFTP folder at a time", even with several instances running. A lease whose holder died expires on its own.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes <paramref name="name"/> for <paramref name="owner"/> until now + <paramref name="duration"/> when it is free,
    /// expired, or already held by the same owner (which renews it). Returns false when another owner holds it.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="TryAcquireAsync(string, string, TimeSpan, CancellationToken)"/>, and also takes the lease from a holder
    /// for which <paramref name="holderIsGone"/> answers true (a process on this machine that no longer runs), so a
    /// restart after a crash does not wait for the dead holder's lease to expire.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, Func<string, bool> holderIsGone, CancellationToken cancellationToken);

    /// <summary>Gives the lease back early; a no-op when <paramref name="owner"/> does not hold it.</summary>
    Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken);
}
