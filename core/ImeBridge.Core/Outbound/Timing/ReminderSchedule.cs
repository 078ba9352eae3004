namespace ImeBridge.Core.Outbound.Timing;

/// <summary>A checked reminder schedule: positive, distinct offsets before the appointment, longest first.</summary>
public sealed class ReminderSchedule
{
    public ReminderSchedule(IEnumerable<TimeSpan> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var list = offsets.ToList();
        if (list.Any(o => o <= TimeSpan.Zero))
        {
            throw new ArgumentException("every reminder offset must be positive", nameof(offsets));
        }

        if (list.Distinct().Count() != list.Count)
        {
            throw new ArgumentException("reminder offsets must be distinct", nameof(offsets));
        }

        Offsets = [.. list.OrderDescending()];
    }

    /// <summary>7 days, 72 h, 24 h and 2 h before: the default.</summary>
    public static ReminderSchedule Default { get; } = new ReminderScheduleOptions().ToSchedule();

    public IReadOnlyList<TimeSpan> Offsets { get; }
}
