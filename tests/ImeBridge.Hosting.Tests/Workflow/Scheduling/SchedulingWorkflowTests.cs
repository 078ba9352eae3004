using System.Net;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Scheduling;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ImeBridge.Hosting.Tests.Workflow.Scheduling.SchedulingScenario;

namespace ImeBridge.Hosting.Tests.Workflow.Scheduling;

/// <summary>
/// Scheduling on the running bridge: a referral whose documents are ready is booked with its matched expert, an operator
/// reschedule books the next slot and releases the old one, the reschedule limit is enforced, a cancel releases the
/// slot, and with no slot that qualifies operators are told why.
/// </summary>
public sealed class SchedulingWorkflowTests
{
    [Fact]
    public async Task Documents_ready_books_the_earliest_slot_and_operator_reschedules_book_the_next_until_the_limit()
    {
        await using var app = await StartAsync();
        var referralId = await DocumentsReadyAsync(app, Expert(Slot(0), Slot(1), Slot(2), Slot(3)));

        var scheduled = await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.scheduled");

        Assert.Contains(scheduled.Status, AwaitingTheExam);
        var appointment = scheduled.Case.Scheduling!.Appointment!;
        Assert.Equal((ExpertId, "alb", Slot(0), 60, "America/New_York", "ny-notice"), (appointment.ExpertId, appointment.OfficeId, appointment.Start, appointment.DurationMinutes, appointment.TimeZone, appointment.NoticeRuleId));
        Assert.Equal(TimeOnly.FromDateTime(InNewYork(Slot(0))), appointment.LocalTime);
        var booked = Assert.Single(scheduled.Timeline, e => e.Event == "referral.scheduled");
        Assert.Equal("imebridge:scheduling", booked.Actor);
        Assert.StartsWith($"booked {InNewYork(Slot(0)):yyyy-MM-dd HH:mm} America/New_York at office alb with {ExpertId}; notice: NY 7 business days (rule ny-notice) met", booked.Detail, StringComparison.Ordinal);
        Assert.Equal([Slot(0)], (await BookingsAsync(app)).Select(b => b.Start));
        var opsView = await (await OpsGetAsync(app, $"/api/ops/referrals/{referralId}")).ReadObjectAsync();
        Assert.Equal("alb", (string?)opsView["case"]!["scheduling"]!["appointment"]!["officeId"]);
        Assert.Equal("ny-notice", (string?)opsView["case"]!["scheduling"]!["appointment"]!["noticeRuleId"]);

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(app, referralId, ReferralStatus.Rescheduled, "claimant asked for another day")).StatusCode);
        var rescheduled = await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.scheduled", atLeast: 2);

        Assert.Contains(rescheduled.Status, AwaitingTheExam);
        Assert.Equal(Slot(1), rescheduled.Case.Scheduling!.Appointment!.Start);
        Assert.Equal(1, rescheduled.Case.Scheduling.Reschedules);
        var past = Assert.Single(rescheduled.Case.Scheduling.History);
        Assert.Equal((Slot(0), "Rescheduled"), (past.Appointment.Start, past.Outcome));
        Assert.Contains("replaces", rescheduled.Timeline.Last(e => e.Event == "referral.scheduled").Detail, StringComparison.Ordinal);
        Assert.Equal([Slot(1)], (await BookingsAsync(app)).Select(b => b.Start));

        await MoveAsync(app, referralId, ReferralStatus.Rescheduled, "expert unavailable");
        var twice = await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.scheduled", atLeast: 3);
        Assert.Equal(Slot(2), twice.Case.Scheduling!.Appointment!.Start);

        var refused = await MoveAsync(app, referralId, ReferralStatus.Rescheduled, "claimant asked again");
        var after = await app.Services.GetRequiredService<IReferralStore>().GetAsync(referralId, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(after!.Status, AwaitingTheExam);
        Assert.Equal(Slot(2), after.Case.Scheduling!.Appointment!.Start);
        var refusal = Assert.Single(after.Timeline, e => e.Event == "transition.refused");
        Assert.Equal("operator:dana", refusal.Actor);
        Assert.Equal("to Rescheduled: the referral was rescheduled 2 times and at most 2 reschedules are allowed (scheduling.maxReschedules); cancel it instead", refusal.Detail);
    }

    [Fact]
    public async Task Cancelling_a_scheduled_referral_releases_its_slot_and_says_so()
    {
        await using var app = await StartAsync();
        var referralId = await DocumentsReadyAsync(app, Expert(Slot(0)));
        await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.scheduled");

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(app, referralId, ReferralStatus.Cancelled, "referrer withdrew")).StatusCode);
        var released = await WorkflowWait.UntilEventAsync(app.Services, referralId, SchedulingEvents.Released);

        Assert.Empty(await BookingsAsync(app));
        Assert.Null(released.Case.Scheduling!.Appointment);
        Assert.Equal((Slot(0), "Cancelled"), (released.Case.Scheduling.History[0].Appointment.Start, released.Case.Scheduling.History[0].Outcome));
        Assert.EndsWith($"at office alb with {ExpertId}: Cancelled", released.Timeline.Single(e => e.Event == SchedulingEvents.Released).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_slot_that_qualifies_the_referral_is_escalated_with_why_and_a_warning()
    {
        await using var app = await StartAsync();
        var tooSoon = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddHours(14);
        var referralId = await DocumentsReadyAsync(app, Expert(tooSoon));

        var escalated = await WorkflowWait.UntilEventAsync(app.Services, referralId, SchedulingEvents.Escalated);

        Assert.Equal(ReferralStatus.DocumentsReady, escalated.Status);
        Assert.Equal(
            $"no slot of {ExpertId} qualifies: needed one meeting the notice NY 7 business days (rule ny-notice), free and within the expert's daily capacity. 1 open slot: 1 too soon for the notice period",
            escalated.Timeline.Single(e => e.Event == SchedulingEvents.Escalated).Detail);
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(referralId, StringComparison.Ordinal) && l.Contains("escalated", StringComparison.Ordinal));
        Assert.Empty(await BookingsAsync(app));
    }
}
