using System.Globalization;
using ImeBridge.Core.Matching;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// The scheduling step's decisions, shared by its handlers: book a referral waiting in DocumentsReady or Rescheduled
/// (→ Scheduled, or <c>schedule.escalated</c> with why), and release the slot of an appointment that ended
/// (<c>schedule.released</c>). Callers check the state and that the step was not applied yet.
/// </summary>
public sealed class AppointmentScheduler(
    IExpertDirectory directory,
    AppointmentBooker booker,
    ExpertMatcher matcher,
    ReferralWorkflow workflow,
    TimeProvider time,
    ILogger<AppointmentScheduler> logger)
{
    public const string Actor = "imebridge:scheduling";

    /// <summary>States in which a referral waits for a booking.</summary>
    public static bool WaitsForBooking(string status) => status is ReferralStatus.DocumentsReady or ReferralStatus.Rescheduled;

    /// <param name="stored">A referral in DocumentsReady or Rescheduled, just read.</param>
    /// <param name="note">Appended to the timeline's reason (an operator's "why book again").</param>
    public async Task BookAsync(StoredReferral stored, string actor, string stepId, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var now = time.GetUtcNow();
        var before = stored.Case.Scheduling ?? new CaseScheduling();
        var scheduling = SchedulingCounts.Counted(before.EndAppointment(stored.Status, now), stored);
        // The slot given up is free for others from now; this referral is not offered it again (it is in the history).
        await directory.ReleaseAsync(stored.ReferralId, cancellationToken);
        var result = await booker.BookAsync(stored, scheduling, cancellationToken);
        var reason = Reason(before, stored.Status, result.Explanation, scheduling, note);
        if (result.Appointment is null && await RematchAsync(stored, scheduling, actor, stepId, result.Explanation, cancellationToken))
        {
            return;
        }

        if (result.Appointment is not { } appointment)
        {
            logger.LogWarning("Referral {ReferralId}: no slot qualifies for its expert in {Status}; escalated to operators", stored.ReferralId, stored.Status);
            var record = WorkflowStep.Record(SchedulingEvents.Escalated, actor, reason, stepId) with { Case = stored.Case with { Scheduling = scheduling } };
            await workflow.ApplyAsync(stored, record, cancellationToken);
            return;
        }

        var move = WorkflowStep.Move(ReferralStatus.Scheduled, actor, reason, stepId)
            with { Case = stored.Case with { Scheduling = scheduling with { Appointment = appointment } } };
        var outcome = await workflow.ApplyAsync(stored, move, cancellationToken);
        if (outcome.Result is TransitionResult.StateChanged or TransitionResult.NotFound)
        {
            // Moved meanwhile (an operator cancelled, say) or refused: the slot must not stay held for nothing.
            await directory.ReleaseAsync(stored.ReferralId, cancellationToken);
            logger.LogInformation("Referral {ReferralId}: booking not applied ({Result}, now {Status}); slot released", stored.ReferralId, outcome.Result, outcome.CurrentStatus);
        }
    }

    /// <summary>
    /// The matched expert has no slot left that qualifies (others booked it since the match: in a busy hour many
    /// referrals are matched before any of them is booked). When another expert qualifies now, the referral goes back
    /// to ExpertMatched with that expert, and the documents step sends the packet there before booking again.
    /// </summary>
    private async Task<bool> RematchAsync(StoredReferral stored, CaseScheduling scheduling, string actor, string stepId, string noSlot, CancellationToken cancellationToken)
    {
        var result = await matcher.MatchAsync(stored.Referral, cancellationToken);
        if (result.Chosen is not { Slot: not null } chosen || chosen.Expert.ExpertId == stored.Case.Match?.ExpertId)
        {
            return false;
        }

        var move = WorkflowStep.Move(ReferralStatus.ExpertMatched, actor, $"matched again: {noSlot}; {result.Explanation}", stepId)
            with { Case = stored.Case with { Match = result.ToCaseMatch(stored.Referral, time.GetUtcNow()), Scheduling = scheduling } };
        var outcome = await workflow.ApplyAsync(stored, move, cancellationToken);
        logger.LogInformation("Referral {ReferralId}: its expert has no qualifying slot; matched again ({Result})", stored.ReferralId, outcome.Result);
        return true;
    }

    /// <summary>Releases the slot of the standing appointment, or the slot held at matching, because the referral moved to <paramref name="outcome"/>.</summary>
    /// <param name="read">Reads the referral again (a record is not retried on a stale read).</param>
    public async Task ReleaseAsync(Func<CancellationToken, Task<StoredReferral?>> read, string outcome, string stepId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var stored = await read(cancellationToken);
            if (stored is null || stored.Timeline.Any(e => e.MessageId == stepId))
            {
                return;
            }

            if (stored.Case.Scheduling is not { Appointment: { } appointment } scheduling)
            {
                // No appointment, but perhaps the slot matching held while the documents were gathered.
                await directory.ReleaseAsync(stored.ReferralId, cancellationToken);
                return;
            }

            await directory.ReleaseAsync(stored.ReferralId, cancellationToken);
            var after = SchedulingCounts.Counted(scheduling.EndAppointment(outcome, time.GetUtcNow()), stored);
            var noShow = outcome == ReferralStatus.NoShow ? string.Create(CultureInfo.InvariantCulture, $" (no-show {after.NoShows})") : string.Empty;
            var detail = $"released {AppointmentBooker.Describe(appointment)}: {outcome}{noShow}";
            var step = WorkflowStep.Record(SchedulingEvents.Released, Actor, detail, stepId) with { Case = stored.Case with { Scheduling = after } };
            if ((await workflow.ApplyAsync(stored, step, cancellationToken)).Result != TransitionResult.StateChanged)
            {
                logger.LogInformation("Referral {ReferralId}: appointment slot released on {Status}", stored.ReferralId, outcome);
                return;
            }
        }
    }

    private static string Reason(CaseScheduling before, string status, string explanation, CaseScheduling after, string? note)
    {
        var reason = explanation;
        if (before.Appointment is { } earlier)
        {
            var count = status == ReferralStatus.Rescheduled ? string.Create(CultureInfo.InvariantCulture, $" (reschedule {after.Reschedules})") : string.Empty;
            reason += $"; replaces {AppointmentBooker.Describe(earlier)}{count}";
        }

        return note is { Length: > 0 } ? $"{reason}; asked: {note}" : reason;
    }
}
