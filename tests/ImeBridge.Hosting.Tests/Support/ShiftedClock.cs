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

    /// <summary>
    /// Moves to <paramref name="hour"/>:00 on a weekday at least a day ahead in <paramref name="zone"/>, so that what
    /// depends on the time of day (quiet hours, the office's date) does not depend on when the tests run.
    /// </summary>
    public void AdvanceToWeekdayMorning(TimeZoneInfo zone, int hour)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(GetUtcNow().AddDays(1), zone).Date;
        while (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            local = local.AddDays(1);
        }

        var target = local.AddHours(hour);
        Advance(new DateTimeOffset(target, zone.GetUtcOffset(target)) - GetUtcNow());
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref offsetTicks, by.Ticks);
    }
}
