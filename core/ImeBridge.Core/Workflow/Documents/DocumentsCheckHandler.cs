using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// Once an expert is matched, checks the documents: DocumentsReady with the packet when every required one is at hand,
/// otherwise the referrer is asked for the missing kinds and the referral stays ExpertMatched until they come
/// (<see cref="DocumentsReceivedHandler"/>). A referral an operator moved to DocumentsReady by hand gets its packet
/// from what there is.
/// </summary>
public sealed class DocumentsCheckHandler(IReferralStore store, DocumentsProgress progress) : IMessageHandler
{
    public string MessageType => MessageTypes.ReferralStatusChanged;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var changed = WorkflowMessages.Read<ReferralStatusChanged>(message);
        if (changed.Status is not (ReferralStatus.ExpertMatched or ReferralStatus.DocumentsReady))
        {
            return;
        }

        var stepId = message.MessageId + ":documents";
        var stored = await store.GetAsync(changed.ReferralId, cancellationToken);
        if (stored is null || stored.Status != changed.Status || stored.Timeline.Any(e => e.MessageId == stepId))
        {
            return;
        }

        if (stored.Status == ReferralStatus.ExpertMatched)
        {
            await progress.AdvanceAsync(stored, stepId, cancellationToken);
        }
        else if (stored.Case.Documents?.Packet is null)
        {
            await progress.ReassembleAsync(stored, DocumentsProgress.Actor, stepId, cancellationToken);
        }
    }
}
