using System.Globalization;

namespace ImeBridge.Core.Outbound.Timing;

/// <summary>Reminder offsets written the way people say them: <c>7d</c>, <c>72h</c>, <c>90m</c> (or a TimeSpan, <c>02:00:00</c>).</summary>
public static class ReminderOffsets
{
    /// <summary>Null when <paramref name="text"/> is not an offset.</summary>
    public static TimeSpan? Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var unit = char.ToLowerInvariant(value[^1]);
        if (unit is 'd' or 'h' or 'm' && int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return unit switch
            {
                'd' => TimeSpan.FromDays(count),
                'h' => TimeSpan.FromHours(count),
                _ => TimeSpan.FromMinutes(count),
            };
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    /// <summary>
    /// The reminder's kind: whole weeks and longer in days (<c>reminder-7d</c>), else whole hours
    /// (<c>reminder-72h</c>, <c>reminder-2h</c>), else minutes (<c>reminder-90m</c>).
    /// </summary>
    public static string Kind(TimeSpan offset) => "reminder-" + Label(offset);

    public static string Label(TimeSpan offset)
    {
        var minutes = (long)offset.TotalMinutes;
        return minutes switch
        {
            _ when minutes % (24 * 60) == 0 && minutes >= 7 * 24 * 60 => string.Create(CultureInfo.InvariantCulture, $"{minutes / (24 * 60)}d"),
            _ when minutes % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{minutes}m"),
        };
    }
}
