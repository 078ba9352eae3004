using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// Adds the documents a referrer sent (<see cref="DocumentsMessages.DocumentsReceived"/>) to the case with a
/// <c>documents.received</c> entry, then checks again: an ExpertMatched referral whose checklist is now complete moves
/// to DocumentsReady; one that already has a packet gets a new packet with the late documents and a new link.
/// </summary>
public sealed class DocumentsReceivedHandler(IReferralStore store, DocumentsProgress progress, ReferralWorkflow workflow) : IMessageHandler
{
    private const int MaxAttempts = 3;

    public string MessageType => DocumentsMessages.DocumentsReceived;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var received = WorkflowMessages.Read<DocumentsReceived>(message);
        var stepId = message.MessageId + ":received";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(received.ReferralId, cancellationToken);
            if (stored is null || !string.Equals(stored.PartnerId, received.PartnerId, StringComparison.Ordinal))
            {
                return;
            }

            if (stored.Timeline.Any(e => e.MessageId == stepId))
            {
                break;
            }

            var outcome = await RecordAsync(stored, received, stepId, cancellationToken);
            if (outcome.Result != TransitionResult.StateChanged)
            {
                break;
            }
        }

        var after = await store.GetAsync(received.ReferralId, cancellationToken);
        if (after is null)
        {
            return;
        }

        if (after.Status == ReferralStatus.ExpertMatched)
        {
            await progress.AdvanceAsync(after, message.MessageId + ":documents", cancellationToken);
        }
        else if (after.Case.Documents?.Packet is not null && !IsClosed(after.Status))
        {
            await progress.ReassembleAsync(after, DocumentsProgress.Actor, message.MessageId + ":packet", cancellationToken);
        }
    }

    private async Task<TransitionOutcome> RecordAsync(StoredReferral stored, DocumentsReceived received, string stepId, CancellationToken cancellationToken)
    {
        var current = stored.Case.Documents ?? CaseDocuments.Empty;
        var added = received.Documents
            .Where(d => !current.Received.Any(r => r.Kind == d.Kind && r.Sha256 == d.Sha256))
            .Select(d => new CaseDocument(d.Kind, d.Sha256, d.ContentType, d.Size, received.ReceivedAt))
            .DistinctBy(d => (d.Kind, d.Sha256))
            .ToList();
        var withAdded = stored with { Case = stored.Case with { Documents = current with { Received = [.. current.Received, .. added] } } };
        var (_, checklist) = await progress.CheckAsync(withAdded, cancellationToken);
        var detail = $"{received.Documents.Count} documents ({string.Join(", ", received.Documents.Select(d => d.Kind))}), {added.Count} new; "
            + (checklist.IsComplete ? "every required document is in" : "still missing " + string.Join(", ", checklist.Missing));
        var step = WorkflowStep.Record("documents.received", "partner:" + received.PartnerId, detail, stepId) with { Case = withAdded.Case };
        return await workflow.ApplyAsync(stored, step, cancellationToken);
    }

    private static bool IsClosed(string status) =>
        status is ReferralStatus.Closed or ReferralStatus.Cancelled or ReferralStatus.Rejected or ReferralStatus.Linked;
}
