using ImeBridge.Core.Rules;

namespace ImeBridge.Core.Tests.Rules;

public sealed class UsFederalHolidaysTests
{
    [Theory]
    [InlineData("2026-07-03", "Independence Day")] // 4 July 2026 is a Saturday
    [InlineData("2027-12-24", "Christmas Day")] // 25 December 2027 is a Saturday
    [InlineData("2028-12-25", "Christmas Day")] // a Monday: observed on the day
    [InlineData("2021-12-31", "New Year's Day")] // 1 January 2022 is a Saturday: observed the year before
    [InlineData("2023-01-02", "New Year's Day")] // 1 January 2023 is a Sunday
    [InlineData("2026-01-19", "Birthday of Martin Luther King, Jr.")]
    [InlineData("2026-02-16", "Washington's Birthday")]
    [InlineData("2026-05-25", "Memorial Day")]
    [InlineData("2026-06-19", "Juneteenth National Independence Day")]
    [InlineData("2026-09-07", "Labor Day")]
    [InlineData("2026-10-12", "Columbus Day")]
    [InlineData("2026-11-11", "Veterans Day")]
    [InlineData("2026-11-26", "Thanksgiving Day")]
    public void Observed_dates_follow_the_federal_weekend_rule(string date, string name)
    {
        Assert.Equal(name, UsFederalHolidays.ObservedOn(DateOnly.Parse(date))?.Name);
    }

    [Theory]
    [InlineData("2026-07-04")]
    [InlineData("2027-12-25")]
    [InlineData("2026-11-27")] // the day after Thanksgiving is not a federal holiday
    public void The_legal_date_on_a_weekend_and_ordinary_days_are_not_observed_holidays(string date)
    {
        Assert.False(UsFederalHolidays.IsObservedHoliday(DateOnly.Parse(date)));
    }

    [Fact]
    public void Every_year_has_eleven_holidays_and_juneteenth_starts_in_2021()
    {
        Assert.Equal(11, UsFederalHolidays.ForYear(2026).Count);
        Assert.Equal(10, UsFederalHolidays.ForYear(2020).Count);
        Assert.DoesNotContain(UsFederalHolidays.ForYear(2020), holiday => holiday.Name.StartsWith("Juneteenth", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_observed_date_is_a_weekday()
    {
        for (var year = 2000; year <= 2060; year++)
        {
            Assert.All(UsFederalHolidays.ForYear(year), holiday =>
                Assert.True(holiday.Observed.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{holiday.Name} {year}"));
        }
    }
}
