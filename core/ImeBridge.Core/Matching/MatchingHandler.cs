using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Case;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Matching;

/// <summary>
/// Once a referral is Triaged, chooses its expert: ExpertMatched with the explanation on the timeline, or, when no
/// expert qualifies, a <c>match.escalated</c> entry saying what was needed and why each candidate fell out, and a
/// warning for operators (the referral stays Triaged and shows in <c>/api/ops/referrals?status=Triaged</c>). Never a silent stall.
/// </summary>
public sealed class MatchingHandler(IReferralStore store, ExpertMatcher matcher, ReferralWorkflow workflow, TimeProvider time, ILogger<MatchingHandler> logger) : IMessageHandler
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

        var result = await matcher.MatchAsync(stored.Referral, cancellationToken);
        if (result.Chosen is not null)
        {
            var chosen = result.Chosen;
            var match = new CaseMatch(
                chosen.Expert.ExpertId,
                chosen.Expert.Npi,
                RequestedSpecialty.Of(stored.Referral)?.Specialty.NuccCode,
                chosen.SlotOffice?.Id,
                chosen.Slot?.Start,
                time.GetUtcNow());
            var step = WorkflowStep.Move(ReferralStatus.ExpertMatched, Actor, result.Explanation, stepId) with { Case = stored.Case with { Match = match } };
            await workflow.ApplyAsync(stored, step, cancellationToken);
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
}
