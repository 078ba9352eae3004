using System.Globalization;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound.Timing;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// Sends a due claimant message. It is dropped when its appointment no longer stands (moved or cancelled) or a
/// reminder would arrive too late to help; it waits again when it comes due inside quiet hours (a redelivery hours
/// later). Then SMS, and email: the notice goes by both (the email is the full appointment letter); any other message
/// goes by email only when the SMS cannot carry it. When neither can, an operator is alerted. A sent notice moves the
/// referral to <c>ClaimantNotified</c> while it still waits for that booking.
/// </summary>
public sealed class ClaimantMessageHandler(
    IReferralStore store,
    IMessageQueue queue,
    AppointmentModelBuilder models,
    ClaimantSms sms,
    ClaimantEmail email,
    IOperatorAlerts alerts,
    ReferralWorkflow workflow,
    TimeProvider time,
    ILogger<ClaimantMessageHandler> logger) : IMessageHandler
{
    public const string Actor = "imebridge:claimant-messaging";

    public string MessageType => ClaimantMessageDue.MessageType;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var due = WorkflowMessages.Read<ClaimantMessageDue>(message);
        var stored = await store.GetAsync(due.ReferralId, cancellationToken);
        if (stored is null || due.AppointmentIn(stored) is not { } appointment)
        {
            logger.LogInformation("Referral {ReferralId}: claimant message {Kind} dropped: its appointment no longer stands", due.ReferralId, due.Kind);
            return;
        }

        var now = time.GetUtcNow();
        if (ClaimantMessageKinds.IsReminder(due.Kind) && now > appointment.Start - ReminderPlanner.MinimumLead)
        {
            logger.LogInformation("Referral {ReferralId}: reminder {Kind} dropped: too close to the exam", due.ReferralId, due.Kind);
            return;
        }

        var (zones, state) = ClaimantWhereabouts.Of(stored, appointment);
        if (!QuietHours.IsAllowed(now, zones, state))
        {
            var later = QuietHours.NextAllowed(now, zones, state);
            await queue.SendAsync([due.ToQueueMessage(later, ":at" + later.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))], cancellationToken);
            return;
        }

        var model = await models.BuildAsync(stored, appointment, now, cancellationToken);
        var bySms = await sms.SendAsync(stored, due, model, cancellationToken);
        var byEmail = due.Kind == ClaimantMessageKinds.Notice || bySms is OutboundOutcome.NotApplicable or OutboundOutcome.Refused
            ? await email.SendAsync(stored, due, model, cancellationToken)
            : OutboundOutcome.NotApplicable;

        if (bySms != OutboundOutcome.Sent && byEmail != OutboundOutcome.Sent && (bySms, byEmail) is not (OutboundOutcome.Unconfirmed, _) and not (_, OutboundOutcome.Unconfirmed))
        {
            await alerts.RaiseAsync(
                new OperatorAlert($"claimant.unreachable:{due.ReferralId}:{due.Kind}:{due.AppointmentKey}", "claimant.unreachable", due.ReferralId, $"{due.Kind}: SMS {bySms}, email {byEmail}", now),
                cancellationToken);
        }

        if (due.Kind == ClaimantMessageKinds.Notice && (bySms == OutboundOutcome.Sent || byEmail == OutboundOutcome.Sent))
        {
            var how = bySms == OutboundOutcome.Sent && byEmail == OutboundOutcome.Sent ? "SMS and email" : bySms == OutboundOutcome.Sent ? "SMS" : "email";
            await MarkNotifiedAsync(due, how, message.MessageId, cancellationToken);
        }
    }

    /// <summary>
    /// Moves to <c>ClaimantNotified</c> only while the referral still waits in <c>Scheduled</c> for this booking: an
    /// operator who moved it meanwhile (rescheduled, examined) is not contradicted, and nothing is refused on the timeline.
    /// </summary>
    private async Task MarkNotifiedAsync(ClaimantMessageDue due, string how, string messageId, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(due.ReferralId, cancellationToken);
        if (current is not { Status: ReferralStatus.Scheduled } || due.AppointmentIn(current) is null)
        {
            return;
        }

        await workflow.ApplyAsync(current, WorkflowStep.Move(ReferralStatus.ClaimantNotified, Actor, $"appointment notice sent by {how}", messageId + ":notified"), cancellationToken);
    }
}
