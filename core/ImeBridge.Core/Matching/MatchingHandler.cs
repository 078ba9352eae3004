using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Scheduling;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Matching;

/// <summary>
/// Once a referral is Triaged, chooses its expert: ExpertMatched with the explanation on the timeline, or, when no
/// expert qualifies, a <c>match.escalated</c> entry saying what was needed and why each candidate fell out, and a
/// warning for operators (the referral stays Triaged and shows in <c>/api/ops/referrals?status=Triaged</c>). Never a silent stall.
/// </summary>
public sealed class MatchingHandler(
    IReferralStore store,
    ExpertMatcher matcher,
    IExpertDirectory directory,
    ReferralWorkflow workflow,
    TimeProvider time,
    ILogger<MatchingHandler> logger) : IMessageHandler
{
    public const string Actor = "imebridge:matching";

    public string MessageType => MessageTypes.ReferralStatusChanged;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var changed = JsonSerializer.Deserialize<ReferralStatusChanged>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidOperationException("empty ReferralStatusChanged body");
        if (changed.Status != ReferralStatus.Triaged)
        {
            return;
        }

        var stepId = message.MessageId + ":match";
        var stored = await store.GetAsync(changed.ReferralId, cancellationToken);
        if (stored is null || stored.Status != ReferralStatus.Triaged || stored.Timeline.Any(e => e.MessageId == stepId))
        {
            return;
        }

        var result = await HoldAsync(stored, await matcher.MatchAsync(stored.Referral, cancellationToken), cancellationToken);
        if (result.Chosen is not null)
        {
            var match = result.ToCaseMatch(stored.Referral, time.GetUtcNow());
            var step = WorkflowStep.Move(ReferralStatus.ExpertMatched, Actor, result.Explanation, stepId) with { Case = stored.Case with { Match = match } };
            var outcome = await workflow.ApplyAsync(stored, step, cancellationToken);
            if (outcome.Result is TransitionResult.StateChanged or TransitionResult.NotFound)
            {
                await directory.ReleaseAsync(stored.ReferralId, cancellationToken);
            }

            return;
        }

        await store.AppendTimelineAsync(
            changed.ReferralId,
            new TimelineEntry(time.GetUtcNow(), "match.escalated", ReferralStatus.Triaged, Actor, stepId, result.Explanation),
            cancellationToken);
        logger.LogWarning(
            "Referral {ReferralId}: no expert qualifies among {Candidates} candidates; escalated to operators",
            changed.ReferralId,
            result.Candidates.Count);
    }

    /// <summary>
    /// Holds the chosen slot for the referral until it is booked, so that referrals matched meanwhile (a batch of
    /// hundreds arrives at once) see it taken and spread over the other experts' slots. A slot another referral took
    /// between the match and the hold means matching again. The scheduling step books the hold, or a better slot.
    /// </summary>
    private async Task<MatchResult> HoldAsync(StoredReferral stored, MatchResult result, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3 && result.Chosen is { Slot: { } slot, SlotOffice: { } office } chosen; attempt++)
        {
            var hold = new ExpertBooking(chosen.Expert.ExpertId, slot.Start, OfficeTime.LocalDate(slot.Start, office.TimeZone), office.Id, stored.ReferralId, time.GetUtcNow());
            if (await directory.TryBookAsync(hold, chosen.Expert.CapacityPerDay, cancellationToken))
            {
                return result;
            }

            result = await matcher.MatchAsync(stored.Referral, cancellationToken);
        }

        return result;
    }
}
