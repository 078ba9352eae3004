using ImeBridge.Core.Outbound.Timing;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Tests.Outbound;

public sealed class ReminderPlannerTests
{
    private const string NewYork = "America/New_York";

    [Fact]
    public void A_monday_nine_oclock_exam_gets_every_default_reminder_at_its_offset()
    {
        var start = DateTimeOffset.Parse("2026-06-15T09:00:00-04:00"); // Monday
        var plan = ReminderPlanner.Plan(start, DateTimeOffset.Parse("2026-06-01T12:00:00-04:00"), NewYork, "NY", ReminderSchedule.Default);

        Assert.Equal(["reminder-7d", "reminder-72h", "reminder-24h", "reminder-2h"], plan.Select(p => p.Kind));
        Assert.Equal(DateTimeOffset.Parse("2026-06-12T09:00:00-04:00"), plan.Single(p => p.Kind == "reminder-72h").DueAt); // Friday 09:00
        Assert.Equal(DateTimeOffset.Parse("2026-06-08T09:00:00-04:00"), plan[0].DueAt);
        Assert.Equal(DateTimeOffset.Parse("2026-06-15T08:00:00-04:00"), plan[^1].DueAt); // 07:00 moved to 08:00
    }

    [Fact]
    public void A_two_hour_reminder_pushed_to_within_half_an_hour_of_the_exam_is_dropped()
    {
        var start = DateTimeOffset.Parse("2026-06-15T08:30:00-04:00");
        var plan = ReminderPlanner.Plan(start, DateTimeOffset.Parse("2026-06-01T12:00:00-04:00"), NewYork, null, ReminderSchedule.Default);

        Assert.DoesNotContain(plan, p => p.Kind == "reminder-2h");
        Assert.Equal(3, plan.Count);
    }

    [Fact]
    public void Reminders_already_past_are_skipped()
    {
        var start = DateTimeOffset.Parse("2026-06-15T14:00:00-04:00");
        var plan = ReminderPlanner.Plan(start, DateTimeOffset.Parse("2026-06-13T10:00:00-04:00"), NewYork, null, ReminderSchedule.Default);

        Assert.Equal(["reminder-24h", "reminder-2h"], plan.Select(p => p.Kind));
    }

    [Fact]
    public void An_evening_reminder_waits_for_the_morning_and_florida_closes_earlier()
    {
        var start = DateTimeOffset.Parse("2026-06-16T20:30:00-04:00");
        var schedule = new ReminderSchedule([TimeSpan.FromHours(24)]);

        Assert.Equal(DateTimeOffset.Parse("2026-06-15T20:30:00-04:00"), ReminderPlanner.Plan(start, start.AddDays(-10), NewYork, "NY", schedule).Single().DueAt);
        Assert.Equal(DateTimeOffset.Parse("2026-06-16T08:00:00-04:00"), ReminderPlanner.Plan(start, start.AddDays(-10), NewYork, "FL", schedule).Single().DueAt);
    }

    [Fact]
    public void Two_reminders_moved_onto_the_same_moment_become_one_of_the_shorter_offset()
    {
        var start = DateTimeOffset.Parse("2026-06-15T10:00:00-04:00");
        var schedule = new ReminderSchedule([TimeSpan.FromHours(3), TimeSpan.FromHours(2.5)]); // 07:00 and 07:30 → 08:00

        var plan = ReminderPlanner.Plan(start, start.AddDays(-1), NewYork, null, schedule);

        Assert.Equal("reminder-150m", Assert.Single(plan).Kind);
        Assert.Equal(DateTimeOffset.Parse("2026-06-15T08:00:00-04:00"), plan[0].DueAt);
    }

    [Fact]
    public void The_notice_goes_now_in_daytime_and_waits_at_night()
    {
        var start = DateTimeOffset.Parse("2026-06-20T09:00:00-07:00");

        var day = DateTimeOffset.Parse("2026-06-10T13:00:00-07:00");
        Assert.Equal(day, ReminderPlanner.Notice(day, start, "America/Los_Angeles", "CA")!.DueAt);

        var night = DateTimeOffset.Parse("2026-06-10T23:00:00-07:00");
        var notice = ReminderPlanner.Notice(night, start, "America/Los_Angeles", "CA")!;
        Assert.Equal(DateTimeOffset.Parse("2026-06-11T08:00:00-07:00"), notice.DueAt);
        Assert.Equal(PlannedReminder.NoticeKind, notice.Kind);

        Assert.Null(ReminderPlanner.Notice(night, DateTimeOffset.Parse("2026-06-11T07:30:00-07:00"), "America/Los_Angeles", "CA"));
    }

    [Fact]
    public void The_schedule_binds_from_words_and_refuses_bad_entries_by_position()
    {
        var options = new ReminderScheduleOptions();
        options.Offsets.Clear();
        foreach (var o in new[] { "3d", "48h", "90m" })
        {
            options.Offsets.Add(o);
        }

        Assert.Equal(["reminder-72h", "reminder-48h", "reminder-90m"], options.ToSchedule().Offsets.Select(ReminderOffsets.Kind));
        Assert.Equal(["reminder-7d", "reminder-72h", "reminder-24h", "reminder-2h"], ReminderSchedule.Default.Offsets.Select(ReminderOffsets.Kind));

        options.Offsets.Add("72h");
        options.Offsets.Add("-2h");
        options.Offsets.Add("soon");
        var result = new ReminderScheduleOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Offsets[3]", StringComparison.Ordinal) && f.Contains("repeats"));
        Assert.Contains(result.Failures!, f => f.StartsWith("Offsets[4]", StringComparison.Ordinal) && f.Contains("not an offset"));
        Assert.Throws<OptionsValidationException>(options.ToSchedule);
    }
}
