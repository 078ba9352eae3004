using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// When the provider reports that a claimant's SMS did not arrive (undelivered, failed, opted out) the same message
/// goes by email, and the other way round for a bounced email; an operator is alerted either way. The ledger's
/// message ids keep a repeated report from sending the fallback twice.
/// </summary>
public sealed class ClaimantFallbackHandler(
    IReferralStore store,
    AppointmentModelBuilder models,
    ClaimantSms sms,
    ClaimantEmail email,
    IOperatorAlerts alerts,
    TimeProvider time,
    ILogger<ClaimantFallbackHandler> logger) : IMessageHandler
{
    public string MessageType => DeliverySettled.MessageType;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var settled = WorkflowMessages.Read<DeliverySettled>(message);
        if (settled.Succeeded || !OutboundStatuses.NeedsFallback(settled.Outcome) || ClaimantMessageKinds.KindOfPurpose(settled.Purpose) is not { } kind)
        {
            return;
        }

        // The message id is "{channel}:{kind}:{referralId}:{appointmentKey}".
        var appointmentKey = settled.MessageId[(settled.MessageId.LastIndexOf(':') + 1)..];
        var due = new ClaimantMessageDue(settled.ReferralId, kind, appointmentKey);
        var now = time.GetUtcNow();
        await alerts.RaiseAsync(
            new OperatorAlert($"{settled.Channel}.{settled.Outcome}:{settled.MessageId}", $"{settled.Channel}.{settled.Outcome}", settled.ReferralId, $"claimant {kind} by {settled.Channel}: {settled.Outcome} {settled.Detail}".TrimEnd(), now),
            cancellationToken);

        // A reminder of a booking that was moved since is not sent again: only what still concerns the claimant is.
        var stored = await store.GetAsync(settled.ReferralId, cancellationToken);
        if (stored is null || due.AppointmentIn(stored) is not { } appointment || appointment.Start <= now)
        {
            return;
        }

        var model = await models.BuildAsync(stored, appointment, now, cancellationToken);
        var outcome = settled.Channel == OutboundChannels.Sms
            ? await email.SendAsync(stored, due, model, cancellationToken)
            : await sms.SendAsync(stored, due, model, cancellationToken);
        logger.LogInformation("Referral {ReferralId}: {Kind} by {Channel} {Outcome}; fallback {FallbackOutcome}", settled.ReferralId, kind, settled.Channel, settled.Outcome, outcome);
    }
}
