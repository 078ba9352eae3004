using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// The scheduling step, on <see cref="ReferralStatusChanged"/>:
/// DocumentsReady or Rescheduled → book the matched expert's earliest qualifying slot and move to Scheduled, the earlier
/// appointment (a reschedule's) released and kept in the history; when no slot qualifies, a <c>schedule.escalated</c>
/// entry says why and a warning is logged (never a silent stall).
/// NoShow, Cancelled, Closed or Rejected with an appointment standing → release its slot (<c>schedule.released</c>);
/// those and NeedsInfo also free a slot matching held for the referral.
/// </summary>
public sealed class SchedulingHandler(IReferralStore store, IExpertDirectory directory, AppointmentScheduler scheduler) : IMessageHandler
{
    public string MessageType => MessageTypes.ReferralStatusChanged;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var changed = WorkflowMessages.Read<ReferralStatusChanged>(message);
        if (AppointmentScheduler.WaitsForBooking(changed.Status))
        {
            var stepId = message.MessageId + ":schedule";
            var stored = await store.GetAsync(changed.ReferralId, cancellationToken);
            if (stored is not null && stored.Status == changed.Status && !stored.Timeline.Any(e => e.MessageId == stepId))
            {
                await scheduler.BookAsync(stored, AppointmentScheduler.Actor, stepId, null, cancellationToken);
            }
        }
        else if (changed.Status is ReferralStatus.NoShow or ReferralStatus.Cancelled or ReferralStatus.Closed or ReferralStatus.Rejected)
        {
            await scheduler.ReleaseAsync(ct => store.GetAsync(changed.ReferralId, ct), changed.Status, message.MessageId + ":release", cancellationToken);
        }
        else if (changed.Status is ReferralStatus.NeedsInfo)
        {
            // The slot matching held while the documents were gathered: free it while the referrer answers.
            await directory.ReleaseAsync(changed.ReferralId, cancellationToken);
        }
    }
}
