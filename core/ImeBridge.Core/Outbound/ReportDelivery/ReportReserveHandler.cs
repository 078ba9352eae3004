using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// Queue message (session: the referral id) asking to send one operator's attempt to serve a report recipient again;
/// the attempt's <see cref="ServiceRecord"/> is stored before it is queued. Ids only.
/// </summary>
public sealed record ReportReserveRequested(string ReferralId, string MessageId)
{
    public const string MessageType = nameof(ReportReserveRequested);
}

/// <summary>
/// Sends an operator's attempt to serve a report recipient again through <see cref="ReportApprovedHandler.SendAsync"/>:
/// claimed in the ledger under the attempt's own id, so it is not taken for the failed delivery sent twice, and a
/// second delivery of this message sends nothing more.
/// </summary>
public sealed class ReportReserveHandler(
    IReferralStore store,
    IProofOfServiceStore proofs,
    ReportApprovedHandler sender,
    ReportDeliveryCompletion completion,
    ILogger<ReportReserveHandler> logger) : IMessageHandler
{
    public string MessageType => ReportReserveRequested.MessageType;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = WorkflowMessages.Read<ReportReserveRequested>(message);
        var record = await proofs.FindAsync(request.MessageId, cancellationToken);
        var stored = await store.GetAsync(request.ReferralId, cancellationToken);
        if (record is null || stored is null || record.Channel is null || record.Address is null)
        {
            logger.LogWarning("Report delivery {MessageId} to serve again is not known; nothing sent", request.MessageId);
            return;
        }

        await sender.SendAsync(stored, record, cancellationToken);
        await completion.CheckAsync(record.ReferralId, record.ReportSha256, cancellationToken);
    }
}
