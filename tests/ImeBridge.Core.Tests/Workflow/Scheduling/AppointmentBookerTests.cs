using ImeBridge.Core.Experts;
using ImeBridge.Core.Tests.Matching;
using ImeBridge.Core.Workflow.Case;
using ImeBridge.Core.Workflow.Scheduling;
using Microsoft.Extensions.Time.Testing;
using static ImeBridge.Core.Tests.Workflow.Scheduling.SchedulingFixtures;

namespace ImeBridge.Core.Tests.Workflow.Scheduling;

public sealed class AppointmentBookerTests
{
    private static async Task<BookingResult> BookAsync(ListDirectory directory, DateTimeOffset now, DateOnly? dueDate = null, CaseScheduling? scheduling = null, string referralId = "ref-1") =>
        await new AppointmentBooker(directory, new FakeTimeProvider(now)).BookAsync(Stored(referralId, dueDate: dueDate), scheduling ?? new CaseScheduling(), CancellationToken.None);

    [Fact]
    public async Task New_York_notice_counts_business_days_and_skips_thanksgiving()
    {
        var directory = new ListDirectory(Expert(slots: [NewYork(12, 1, 9), NewYork(12, 2, 9)]));

        var result = await BookAsync(directory, FridayMorning);

        Assert.Equal(NewYork(12, 2, 9), result.Appointment!.Start);
        Assert.Equal(new DateOnly(2026, 12, 2), result.Appointment.LocalDate);
        Assert.Equal(new TimeOnly(9, 0), result.Appointment.LocalTime);
        Assert.Equal("America/New_York", result.Appointment.TimeZone);
        Assert.Equal("ny-notice", result.Appointment.NoticeRuleId);
        Assert.Contains("Workers' Compensation Law §137", result.Appointment.NoticeCitation, StringComparison.Ordinal);
        Assert.Equal(
            "booked 2026-12-02 09:00 America/New_York at office alb with npi:1000000002; notice: NY 7 business days (rule ny-notice) met, exam on or after 2026-12-02",
            result.Explanation);
    }

    [Fact]
    public async Task A_slot_on_the_next_utc_day_but_the_earlier_local_day_is_too_soon()
    {
        // 2026-12-02 03:00 UTC is still 1 December, 22:00, at the Albany office.
        var lateEvening = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
        var directory = new ListDirectory(Expert(slots: [lateEvening, NewYork(12, 2, 13)]));

        var result = await BookAsync(directory, FridayMorning);

        Assert.Equal(NewYork(12, 2, 13), result.Appointment!.Start);
    }

    [Fact]
    public async Task The_notice_counts_from_the_office_date_when_utc_is_already_the_next_day()
    {
        // Saturday 02:00 UTC is Friday 21:00 in New York: Friday counts, so 2 December is allowed (from Saturday it would be 3 December).
        var fridayEvening = new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
        var directory = new ListDirectory(Expert(slots: [NewYork(12, 2, 9)]));

        var result = await BookAsync(directory, fridayEvening);

        Assert.Equal(NewYork(12, 2, 9), result.Appointment!.Start);
    }

    [Fact]
    public async Task A_slot_after_the_due_date_is_not_booked_and_the_escalation_says_why()
    {
        var directory = new ListDirectory(Expert(slots: [NewYork(12, 1, 9), NewYork(12, 7, 9), NewYork(12, 8, 9)]));

        var late = await BookAsync(directory, FridayMorning, dueDate: new DateOnly(2026, 12, 4));

        Assert.Null(late.Appointment);
        Assert.Empty(directory.Bookings.All);
        Assert.Equal(
            "no slot of npi:1000000002 qualifies: needed one meeting the notice NY 7 business days (rule ny-notice) and on or before the due date 2026-12-04, free and within the expert's daily capacity. 3 open slots: 1 too soon for the notice period, 2 after the due date",
            late.Explanation);
    }

    [Fact]
    public async Task The_due_date_itself_is_allowed()
    {
        var directory = new ListDirectory(Expert(slots: [NewYork(12, 4, 16), NewYork(12, 7, 9)]));

        var result = await BookAsync(directory, FridayMorning, dueDate: new DateOnly(2026, 12, 4));

        Assert.Equal(NewYork(12, 4, 16), result.Appointment!.Start);
        Assert.EndsWith("; due 2026-12-04 met", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slot_held_by_another_referral_is_skipped_and_the_booking_holds_the_next()
    {
        var directory = new ListDirectory(Expert(slots: [NewYork(12, 2, 9), NewYork(12, 2, 11)]));
        await directory.TryBookAsync(new ExpertBooking(ExpertId, NewYork(12, 2, 9), new DateOnly(2026, 12, 2), "alb", "ref-other", FridayMorning), null, CancellationToken.None);

        var result = await BookAsync(directory, FridayMorning);

        Assert.Equal(NewYork(12, 2, 11), result.Appointment!.Start);
        Assert.Contains(directory.Bookings.All, b => b.ReferralId == "ref-1" && b.Start == NewYork(12, 2, 11));
    }

    [Fact]
    public async Task Two_referrals_booking_the_same_expert_get_different_slots()
    {
        var directory = new ListDirectory(Expert(slots: [NewYork(12, 2, 9), NewYork(12, 3, 9)]));

        var first = await BookAsync(directory, FridayMorning, referralId: "ref-1");
        var second = await BookAsync(directory, FridayMorning, referralId: "ref-2");

        Assert.Equal(NewYork(12, 2, 9), first.Appointment!.Start);
        Assert.Equal(NewYork(12, 3, 9), second.Appointment!.Start);
    }

    [Fact]
    public async Task A_day_at_the_experts_capacity_is_skipped()
    {
        var directory = new ListDirectory(Expert(capacityPerDay: 1, slots: [NewYork(12, 2, 9), NewYork(12, 2, 14), NewYork(12, 3, 9)]));
        await directory.TryBookAsync(new ExpertBooking(ExpertId, NewYork(12, 2, 9), new DateOnly(2026, 12, 2), "alb", "ref-other", FridayMorning), 1, CancellationToken.None);

        var result = await BookAsync(directory, FridayMorning);

        Assert.Equal(NewYork(12, 3, 9), result.Appointment!.Start);
    }

    [Fact]
    public async Task With_every_slot_full_or_taken_the_escalation_counts_each_reason()
    {
        var directory = new ListDirectory(Expert(capacityPerDay: 1, slots: [NewYork(12, 2, 9), NewYork(12, 2, 14)]));
        await directory.TryBookAsync(new ExpertBooking(ExpertId, NewYork(12, 2, 9), new DateOnly(2026, 12, 2), "alb", "ref-other", FridayMorning), 1, CancellationToken.None);

        var result = await BookAsync(directory, FridayMorning);

        Assert.Null(result.Appointment);
        Assert.EndsWith("2 open slots: 1 taken by another referral, 1 on a day the expert is fully booked", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slot_this_referral_had_before_is_not_offered_again()
    {
        var directory = new ListDirectory(Expert(slots: [NewYork(12, 2, 9), NewYork(12, 3, 9)]));
        var booked = (await BookAsync(directory, FridayMorning)).Appointment!;
        var afterReschedule = new CaseScheduling { Appointment = booked, Reschedules = 1 }.EndAppointment("Rescheduled", FridayMorning);

        var rebooked = await BookAsync(directory, FridayMorning, scheduling: afterReschedule);

        Assert.Equal(NewYork(12, 3, 9), rebooked.Appointment!.Start);
        Assert.Single(directory.Bookings.All);
    }

    [Fact]
    public async Task A_state_without_its_own_rule_uses_the_house_default_in_calendar_days()
    {
        var directory = new ListDirectory(Expert(slots: [NewYork(11, 29, 9), NewYork(11, 30, 9)]));

        var result = await new AppointmentBooker(directory, new FakeTimeProvider(FridayMorning))
            .BookAsync(Stored(jurisdiction: "VT"), new CaseScheduling(), CancellationToken.None);

        Assert.Equal(NewYork(11, 30, 9), result.Appointment!.Start);
        Assert.Equal("default-notice", result.Appointment.NoticeRuleId);
        Assert.Contains("notice: house default 10 calendar days (rule default-notice)", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_matched_expert_nothing_is_booked()
    {
        var directory = new ListDirectory(Expert(slots: [NewYork(12, 2, 9)]));

        var result = await new AppointmentBooker(directory, new FakeTimeProvider(FridayMorning))
            .BookAsync(Stored(referralCase: ReferralCase.Empty), new CaseScheduling(), CancellationToken.None);

        Assert.Null(result.Appointment);
        Assert.Equal("no expert is matched to the referral: match one first", result.Explanation);
    }

    [Fact]
    public async Task An_inactive_expert_is_not_booked()
    {
        var directory = new ListDirectory(Expert(slots: [NewYork(12, 2, 9)]) with { Active = false });

        var result = await BookAsync(directory, FridayMorning);

        Assert.Null(result.Appointment);
        Assert.Empty(directory.Bookings.All);
    }
}
