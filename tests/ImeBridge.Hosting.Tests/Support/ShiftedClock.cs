namespace ImeBridge.Hosting.Tests.Support;

/// <summary>
/// A clock for whole-lifecycle tests on a running bridge: <see cref="GetUtcNow"/> is the real time plus an offset the
/// test moves forward (weeks pass between booking and exam), while timers and delays stay real so the queue pump and
/// HTTP server keep running. A FakeTimeProvider would freeze the pump's idle delay.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref offsetTicks, by.Ticks);
    }
}
