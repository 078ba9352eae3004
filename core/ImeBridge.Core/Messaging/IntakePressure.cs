namespace ImeBridge.Core.Messaging;

/// <summary>
/// Tells the <see cref="QueuePump"/> when referrals are arriving, so that it can give way: a channel's answer
/// (a webhook's 202) waits on its commit, while the workflow behind it can start a few milliseconds later.
/// </summary>
public sealed class IntakePressure(TimeProvider time)
{
    /// <summary>How long after the last arrival intake still counts as busy.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    private long lastArrival;

    /// <summary>Records that a referral is arriving now.</summary>
    public void NoteArrival() => Volatile.Write(ref lastArrival, time.GetTimestamp());

    /// <summary>True while referrals arrived within the last <see cref="Window"/>.</summary>
    public bool IsHigh
    {
        get
        {
            var last = Volatile.Read(ref lastArrival);
            return last != 0 && time.GetElapsedTime(last) < Window;
        }
    }
}
