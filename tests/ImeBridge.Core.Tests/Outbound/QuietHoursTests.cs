using ImeBridge.Core.Outbound.Timing;

namespace ImeBridge.Core.Tests.Outbound;

public sealed class QuietHoursTests
{
    public static TheoryData<string> UsZones => new()
    {
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "America/Anchorage", "America/Adak", "Pacific/Honolulu", "America/Puerto_Rico",
    };

    private static DateTimeOffset Local(string zone, int year, int month, int day, int hour, int minute = 0)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var wall = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, tz.GetUtcOffset(wall));
    }

    private static DateTime Wall(DateTimeOffset instant, string zone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;

    [Theory]
    [MemberData(nameof(UsZones))]
    public void A_late_evening_text_waits_for_eight_the_next_local_morning_in_every_us_zone(string zone)
    {
        var next = QuietHours.NextAllowed(Local(zone, 2026, 6, 10, 21, 30), zone, null);

        Assert.Equal(new DateTime(2026, 6, 11, 8, 0, 0), Wall(next, zone));
        Assert.True(QuietHours.IsAllowed(next, zone, null));
        Assert.False(QuietHours.IsAllowed(next.AddMinutes(-1), zone, null));
    }

    [Theory]
    [MemberData(nameof(UsZones))]
    public void An_early_text_waits_for_eight_the_same_day_and_daytime_passes_unchanged(string zone)
    {
        Assert.Equal(new DateTime(2026, 1, 15, 8, 0, 0), Wall(QuietHours.NextAllowed(Local(zone, 2026, 1, 15, 6, 15), zone, null), zone));

        var noon = Local(zone, 2026, 1, 15, 12);
        Assert.Equal(noon, QuietHours.NextAllowed(noon, zone, null));
        Assert.False(QuietHours.IsAllowed(Local(zone, 2026, 1, 15, 21), zone, null));
        Assert.True(QuietHours.IsAllowed(Local(zone, 2026, 1, 15, 20, 59), zone, null));
    }

    [Theory]
    [MemberData(nameof(UsZones))]
    public void The_spring_forward_night_of_8_March_2026_opens_at_eight_local(string zone)
    {
        // 02:00 → 03:00 on 8 March 2026 where DST is kept; a text queued at 01:30 waits for 08:00 local.
        var next = QuietHours.NextAllowed(Local(zone, 2026, 3, 8, 1, 30), zone, null);

        Assert.Equal(new DateTime(2026, 3, 8, 8, 0, 0), Wall(next, zone));
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        Assert.Equal(tz.GetUtcOffset(new DateTime(2026, 3, 8, 12, 0, 0)), next.Offset);
    }

    [Theory]
    [MemberData(nameof(UsZones))]
    public void The_fall_back_night_of_1_November_2026_opens_at_eight_local(string zone)
    {
        // 02:00 → 01:00 on 1 November 2026; 01:30 happens twice where DST is kept, and both are quiet.
        var next = QuietHours.NextAllowed(Local(zone, 2026, 10, 31, 23, 45), zone, null);

        Assert.Equal(new DateTime(2026, 11, 1, 8, 0, 0), Wall(next, zone));
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        Assert.Equal(tz.GetUtcOffset(new DateTime(2026, 11, 1, 12, 0, 0)), next.Offset);
    }

    [Fact]
    public void The_new_york_window_opens_at_the_right_utc_instant_either_side_of_each_change()
    {
        const string zone = "America/New_York";
        Assert.Equal(DateTimeOffset.Parse("2026-03-08T12:00:00Z"), QuietHours.NextAllowed(DateTimeOffset.Parse("2026-03-08T06:30:00Z"), zone, null));
        Assert.Equal(DateTimeOffset.Parse("2026-03-07T13:00:00Z"), QuietHours.NextAllowed(DateTimeOffset.Parse("2026-03-07T06:30:00Z"), zone, null));
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T13:00:00Z"), QuietHours.NextAllowed(DateTimeOffset.Parse("2026-11-01T05:30:00Z"), zone, null));
        Assert.Equal(DateTimeOffset.Parse("2026-10-31T12:00:00Z"), QuietHours.NextAllowed(DateTimeOffset.Parse("2026-10-31T05:30:00Z"), zone, null));
    }

    [Fact]
    public void A_wall_time_in_the_spring_gap_becomes_the_first_moment_after_it_and_an_ambiguous_one_the_earlier()
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

        Assert.Equal(DateTimeOffset.Parse("2026-03-08T03:00:00-05:00"), QuietHours.Instant(new DateTime(2026, 3, 8, 2, 30, 0), tz));
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T01:30:00-05:00"), QuietHours.Instant(new DateTime(2026, 11, 1, 1, 30, 0), tz));
    }

    [Theory]
    [InlineData("FL", "America/New_York")]
    [InlineData("OK", "America/Chicago")]
    public void Florida_and_Oklahoma_close_at_eight_in_the_evening(string state, string zone)
    {
        var evening = Local(zone, 2026, 7, 1, 20, 15);

        Assert.False(QuietHours.IsAllowed(evening, zone, state));
        Assert.True(QuietHours.IsAllowed(evening, zone, "TX"));
        Assert.Equal(new DateTime(2026, 7, 2, 8, 0, 0), Wall(QuietHours.NextAllowed(evening, zone, state), zone));
        Assert.Equal(evening, QuietHours.NextAllowed(evening, zone, null));
    }

    [Fact]
    public void Several_zones_wait_until_it_is_daytime_in_all_of_them()
    {
        // 07:30 in Chicago is 08:30 in New York: allowed there, not yet in Chicago.
        var candidate = Local("America/Chicago", 2026, 5, 5, 7, 30);
        var next = QuietHours.NextAllowed(candidate, ["America/New_York", "America/Chicago"], null);

        Assert.Equal(new DateTime(2026, 5, 5, 8, 0, 0), Wall(next, "America/Chicago"));

        // 20:30 in Chicago is 21:30 in New York: too late there, so the next morning in Chicago (09:00 in New York).
        var late = QuietHours.NextAllowed(Local("America/Chicago", 2026, 5, 5, 20, 30), ["America/New_York", "America/Chicago"], null);
        Assert.Equal(new DateTime(2026, 5, 6, 8, 0, 0), Wall(late, "America/Chicago"));
    }

    [Fact]
    public void An_unknown_zone_is_refused_by_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => QuietHours.NextAllowed(DateTimeOffset.UnixEpoch, "Mars/Olympus", null));
        Assert.Contains("Mars/Olympus", ex.Message);
    }
}
