using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Linking;

/// <summary>
/// In the session of the referral the exam goes on in: records <c>referral.linked</c> on its timeline (which referral
/// joined it, by which channel) and adds the id to its <see cref="CaseLinks.Linked"/>. The state does not change; an
/// ended referral still records the link.
/// </summary>
public sealed class ReferralLinkedHandler(IReferralStore store, ReferralWorkflow workflow) : IMessageHandler
{
    public const string Actor = "imebridge:linking";
    public const string EventName = "referral.linked";
    private const int MaxAttempts = 3;

    public string MessageType => ReferralLinked.MessageType;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var linked = WorkflowMessages.Read<ReferralLinked>(message);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(linked.ReferralId, cancellationToken);
            if (stored is null)
            {
                return;
            }

            var links = (stored.Case.Links ?? new CaseLinks()).WithLinked(linked.LinkedReferralId);
            var detail = $"{linked.LinkedReferralId} (by {linked.Channel}) is the same claim and claimant: linked here, the exam goes on in this referral";
            var step = WorkflowStep.Record(EventName, Actor, detail, message.MessageId) with { Case = stored.Case with { Links = links } };
            var outcome = await workflow.ApplyAsync(stored, step, cancellationToken);

            // Moved by someone else between the read and the write: read again and record on the new state.
            if (outcome.Result != TransitionResult.StateChanged)
            {
                return;
            }
        }

        throw new InvalidOperationException($"referral {linked.ReferralId} kept moving; the link to {linked.LinkedReferralId} is retried");
    }
}
