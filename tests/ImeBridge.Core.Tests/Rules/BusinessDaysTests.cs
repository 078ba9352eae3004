using ImeBridge.Core.Rules;

namespace ImeBridge.Core.Tests.Rules;

public sealed class BusinessDaysTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text);

    [Theory]
    [InlineData("2026-11-20", true)] // Friday
    [InlineData("2026-11-21", false)] // Saturday
    [InlineData("2026-11-26", false)] // Thanksgiving
    [InlineData("2026-07-03", false)] // observed Independence Day
    [InlineData("2021-12-31", false)] // observed New Year's Day 2022
    public void Knows_business_days(string date, bool expected)
    {
        Assert.Equal(expected, BusinessDays.IsBusinessDay(D(date)));
    }

    [Fact]
    public void Adding_skips_weekends_and_holidays()
    {
        Assert.Equal(D("2026-11-23"), BusinessDays.AddBusinessDays(D("2026-11-20"), 1));
        Assert.Equal(D("2026-11-27"), BusinessDays.AddBusinessDays(D("2026-11-25"), 1));
        Assert.Equal(D("2026-12-02"), BusinessDays.AddBusinessDays(D("2026-11-20"), 7));
        Assert.Equal(D("2026-07-06"), BusinessDays.AddBusinessDays(D("2026-07-02"), 1));
    }

    [Fact]
    public void Negative_counts_go_backwards_and_zero_stays()
    {
        Assert.Equal(D("2026-11-20"), BusinessDays.AddBusinessDays(D("2026-12-02"), -7));
        Assert.Equal(D("2026-11-21"), BusinessDays.AddBusinessDays(D("2026-11-21"), 0));
    }

    [Fact]
    public void Between_counts_after_the_start_up_to_the_end()
    {
        Assert.Equal(7, BusinessDays.BusinessDaysBetween(D("2026-11-20"), D("2026-12-02")));
        Assert.Equal(-7, BusinessDays.BusinessDaysBetween(D("2026-12-02"), D("2026-11-20")));
        Assert.Equal(0, BusinessDays.BusinessDaysBetween(D("2026-11-20"), D("2026-11-22")));
    }

    [Fact]
    public void Between_inverts_add_over_a_few_years()
    {
        for (var day = D("2025-12-01"); day < D("2028-01-31"); day = day.AddDays(3))
        {
            if (BusinessDays.IsBusinessDay(day))
            {
                Assert.Equal(9, BusinessDays.BusinessDaysBetween(day, BusinessDays.AddBusinessDays(day, 9)));
            }
        }
    }
}
