namespace ImeBridge.Core.Rules;

/// <summary>Business-day arithmetic: Monday to Friday, except US federal holidays on their observed dates.</summary>
public static class BusinessDays
{
    public static bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !UsFederalHolidays.IsObservedHoliday(date);

    /// <summary>
    /// The date <paramref name="days"/> business days after <paramref name="date"/> (before it when negative).
    /// The start itself is not counted, so adding 1 to a Friday gives the next Monday. Zero returns the date unchanged.
    /// </summary>
    public static DateOnly AddBusinessDays(DateOnly date, int days)
    {
        var step = Math.Sign(days);
        var remaining = Math.Abs(days);
        var current = date;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            if (IsBusinessDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    /// <summary>
    /// Business days after <paramref name="start"/> up to and including <paramref name="end"/>; negative when end is earlier.
    /// For a business day <c>d</c>, <c>BusinessDaysBetween(d, AddBusinessDays(d, n)) == n</c>.
    /// </summary>
    public static int BusinessDaysBetween(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            return -BusinessDaysBetween(end, start);
        }

        var count = 0;
        for (var day = start.AddDays(1); day <= end; day = day.AddDays(1))
        {
            if (IsBusinessDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The date itself when it is a business day, otherwise the next business day.</summary>
    public static DateOnly OnOrAfter(DateOnly date) => IsBusinessDay(date) ? date : AddBusinessDays(date, 1);
}
