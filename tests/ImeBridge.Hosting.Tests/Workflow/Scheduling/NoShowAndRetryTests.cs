using System.Net;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Scheduling;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ImeBridge.Hosting.Tests.Workflow.Scheduling.SchedulingScenario;

namespace ImeBridge.Hosting.Tests.Workflow.Scheduling;

/// <summary>
/// No-shows release the slot and are counted; after the second only Closed may follow. An escalated referral is
/// booked again when an operator asks, once the expert has a slot.
/// </summary>
public sealed class NoShowAndRetryTests
{
    [Fact]
    public async Task A_no_show_releases_the_slot_and_after_the_second_only_closing_is_allowed()
    {
        await using var app = await StartAsync();
        var referralId = await DocumentsReadyAsync(app, Expert(Slot(0), Slot(1), Slot(2)));
        await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.scheduled");

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(app, referralId, ReferralStatus.NoShow, "claimant did not attend")).StatusCode);
        var missed = await WorkflowWait.UntilEventAsync(app.Services, referralId, SchedulingEvents.Released);

        Assert.Empty(await BookingsAsync(app));
        Assert.Equal(1, missed.Case.Scheduling!.NoShows);
        Assert.EndsWith(": NoShow (no-show 1)", missed.Timeline.Single(e => e.Event == SchedulingEvents.Released).Detail, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(app, referralId, ReferralStatus.Rescheduled, "claimant called back")).StatusCode);
        var again = await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.scheduled", atLeast: 2);
        Assert.Equal(Slot(1), again.Case.Scheduling!.Appointment!.Start);

        await MoveAsync(app, referralId, ReferralStatus.NoShow, "claimant did not attend again");
        await WorkflowWait.UntilEventAsync(app.Services, referralId, SchedulingEvents.Released, atLeast: 2);
        var refused = await MoveAsync(app, referralId, ReferralStatus.Rescheduled, "one more try");
        var closed = await MoveAsync(app, referralId, ReferralStatus.Closed, "claimant missed two exams");
        var after = await app.Services.GetRequiredService<IReferralStore>().GetAsync(referralId, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(ReferralStatus.Closed, after!.Status);
        Assert.Equal(
            "to Rescheduled: the claimant missed 2 exams and at most 2 no-shows are allowed (scheduling.maxNoShows): only Closed may follow",
            after.Timeline.Single(e => e.Event == "transition.refused").Detail);
        Assert.Equal([Slot(0), Slot(1)], after.Case.Scheduling!.History.Select(h => h.Appointment.Start));
        Assert.Empty(await BookingsAsync(app));
    }

    [Fact]
    public async Task An_escalated_referral_is_booked_again_when_an_operator_asks_after_slots_are_added()
    {
        await using var app = await StartAsync();
        var referralId = await DocumentsReadyAsync(app, Expert());
        await WorkflowWait.UntilEventAsync(app.Services, referralId, SchedulingEvents.Escalated);
        await app.Services.GetRequiredService<IExpertDirectory>().UpsertAsync([Expert(Slot(3))], CancellationToken.None);

        var missingReason = await OpsPostAsync(app, $"/api/ops/referrals/{referralId}/schedule", new { @operator = "dana" });
        var accepted = await OpsPostAsync(app, $"/api/ops/referrals/{referralId}/schedule", new { reason = "expert added clinic days", @operator = "dana" });
        var scheduled = await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.scheduled");
        var notWaiting = await OpsPostAsync(app, $"/api/ops/referrals/{referralId}/schedule", new { reason = "again", @operator = "dana" });

        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        Assert.Contains("reason", (string?)(await missingReason.ReadObjectAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(Slot(3), scheduled.Case.Scheduling!.Appointment!.Start);
        var booked = scheduled.Timeline.Single(e => e.Event == "referral.scheduled");
        Assert.Equal("operator:dana", booked.Actor);
        Assert.EndsWith("; asked: expert added clinic days", booked.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, notWaiting.StatusCode);
    }
}
