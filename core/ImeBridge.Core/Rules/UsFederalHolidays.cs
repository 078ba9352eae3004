namespace ImeBridge.Core.Rules;

/// <summary>
/// The eleven legal public holidays of 5 U.S.C. §6103(a), computed for any year. A holiday on a Saturday is observed
/// the Friday before and one on a Sunday the Monday after (5 U.S.C. §6103(b); Executive Order 11582).
/// Juneteenth counts from 2021, the year it became a federal holiday.
/// </summary>
public static class UsFederalHolidays
{
    private const int JuneteenthFirstYear = 2021;

    public static IReadOnlyList<FederalHoliday> ForYear(int year)
    {
        var holidays = new List<FederalHoliday>(11)
        {
            Fixed("New Year's Day", year, 1, 1),
            Floating("Birthday of Martin Luther King, Jr.", Nth(year, 1, DayOfWeek.Monday, 3)),
            Floating("Washington's Birthday", Nth(year, 2, DayOfWeek.Monday, 3)),
            Floating("Memorial Day", Last(year, 5, DayOfWeek.Monday)),
        };
        if (year >= JuneteenthFirstYear)
        {
            holidays.Add(Fixed("Juneteenth National Independence Day", year, 6, 19));
        }

        holidays.Add(Fixed("Independence Day", year, 7, 4));
        holidays.Add(Floating("Labor Day", Nth(year, 9, DayOfWeek.Monday, 1)));
        holidays.Add(Floating("Columbus Day", Nth(year, 10, DayOfWeek.Monday, 2)));
        holidays.Add(Fixed("Veterans Day", year, 11, 11));
        holidays.Add(Floating("Thanksgiving Day", Nth(year, 11, DayOfWeek.Thursday, 4)));
        holidays.Add(Fixed("Christmas Day", year, 12, 25));
        return holidays;
    }

    /// <summary>The holiday observed on <paramref name="date"/>, or null. Looks at next year too: 1 January on a Saturday is observed on 31 December.</summary>
    public static FederalHoliday? ObservedOn(DateOnly date) =>
        ForYear(date.Year).Concat(ForYear(date.Year + 1)).FirstOrDefault(holiday => holiday.Observed == date);

    public static bool IsObservedHoliday(DateOnly date) => ObservedOn(date) is not null;

    private static FederalHoliday Fixed(string name, int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var observed = date.DayOfWeek switch
        {
            DayOfWeek.Saturday => date.AddDays(-1),
            DayOfWeek.Sunday => date.AddDays(1),
            _ => date,
        };
        return new FederalHoliday(name, date, observed);
    }

    private static FederalHoliday Floating(string name, DateOnly date) => new(name, date, date);

    private static DateOnly Nth(int year, int month, DayOfWeek weekday, int nth)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (nth - 1)));
    }

    private static DateOnly Last(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-offset);
    }
}
