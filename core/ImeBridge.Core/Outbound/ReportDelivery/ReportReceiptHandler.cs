using ImeBridge.Core.Messaging;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// Records the receipts of report deliveries (<see cref="DeliverySettled"/> of purpose <c>report.delivery</c>): a
/// success is the recipient's receipt, a failure makes it unreachable and alerts an operator. After each, the referral
/// moves to Delivered when every required recipient is served.
/// </summary>
public sealed class ReportReceiptHandler(
    IProofOfServiceStore proofs,
    IOutboundLedger ledger,
    IOperatorAlerts alerts,
    ReportDeliveryCompletion completion,
    TimeProvider time,
    ILogger<ReportReceiptHandler> logger) : IMessageHandler
{
    public string MessageType => DeliverySettled.MessageType;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settled = WorkflowMessages.Read<DeliverySettled>(message);
        if (settled.Purpose != ReportDeliveryIds.Purpose)
        {
            return;
        }

        var record = await proofs.FindAsync(settled.MessageId, cancellationToken);
        if (record is null)
        {
            logger.LogWarning("Receipt for {MessageId} names no report delivery; ignored", settled.MessageId);
            return;
        }

        await ledger.UpdateAsync(settled.MessageId, settled.Outcome, settled.ProviderId, settled.Detail, cancellationToken);
        if (settled.Succeeded)
        {
            // The first receipt stands; a later, stronger one (delivered after accepted) updates its kind only.
            var kind = KindOf(settled);
            await proofs.UpdateAsync(
                record with
                {
                    Status = ServiceStatuses.Served,
                    SentAt = record.SentAt ?? settled.At,
                    ReceiptAt = record.ReceiptAt ?? settled.At,
                    ReceiptKind = record.ReceiptKind == ReceiptKinds.Downloaded ? record.ReceiptKind : kind,
                    ProviderId = settled.ProviderId ?? record.ProviderId,
                },
                cancellationToken);
            logger.LogInformation("Report delivery {MessageId}: receipt {ReceiptKind}", settled.MessageId, kind);
            await ReportUnreachableAlerts.ResolveForRecipientAsync(alerts, proofs, record, cancellationToken);
        }
        else
        {
            await proofs.UpdateAsync(record with { Status = ServiceStatuses.Failed, Detail = $"{settled.Channel} {settled.Outcome}" }, cancellationToken);
            if (await ServedOtherwiseAsync(record, cancellationToken))
            {
                // Another attempt (an operator's) served the recipient: the failure is on record, nobody needs to act.
                logger.LogInformation("Report delivery {MessageId} to {Role} {Outcome}; the recipient is served by another attempt", settled.MessageId, record.Role, settled.Outcome);
                await completion.CheckAsync(record.ReferralId, record.ReportSha256, cancellationToken);
                return;
            }

            await alerts.RaiseAsync(
                new OperatorAlert(
                    ReportUnreachableAlerts.Key(settled.MessageId),
                    ReportUnreachableAlerts.Kind,
                    settled.ReferralId,
                    $"{record.Role}: {settled.Channel} {settled.Outcome} ({settled.MessageId})",
                    time.GetUtcNow()),
                cancellationToken);
            logger.LogWarning("Report delivery {MessageId} to {Role} {Outcome}; operator alerted", settled.MessageId, record.Role, settled.Outcome);
        }

        await completion.CheckAsync(record.ReferralId, record.ReportSha256, cancellationToken);
    }

    private async Task<bool> ServedOtherwiseAsync(ServiceRecord failed, CancellationToken cancellationToken) =>
        (await proofs.ListAsync(failed.ReferralId, cancellationToken)).Any(r =>
            r.MessageId != failed.MessageId && r.ReportSha256 == failed.ReportSha256 && r.Role == failed.Role && r.Index == failed.Index && r.Served);

    private static string KindOf(DeliverySettled settled) => settled.Channel switch
    {
        OutboundChannels.Webhook => ReceiptKinds.WebhookAccepted,
        OutboundChannels.Fhir => ReceiptKinds.FhirWritten,
        _ => settled.Outcome == OutboundStatuses.Outbox ? ReceiptKinds.Outbox
            : settled.Outcome == OutboundStatuses.Delivered ? ReceiptKinds.Delivered
            : ReceiptKinds.ProviderAccepted,
    };
}
