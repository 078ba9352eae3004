using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// Books a referral again when an operator asks (<see cref="ScheduleRequested"/>): only one still waiting in
/// DocumentsReady or Rescheduled without an appointment; anything else is recorded as <c>schedule.notRetried</c>.
/// </summary>
public sealed class ScheduleRequestedHandler(IReferralStore store, AppointmentScheduler scheduler, ReferralWorkflow workflow, ILogger<ScheduleRequestedHandler> logger) : IMessageHandler
{
    public string MessageType => ScheduleRequested.MessageType;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = WorkflowMessages.Read<ScheduleRequested>(message);
        var stored = await store.GetAsync(request.ReferralId, cancellationToken);
        if (stored is null || stored.Timeline.Any(e => e.MessageId == message.MessageId))
        {
            return;
        }

        if (!AppointmentScheduler.WaitsForBooking(stored.Status) || stored.Case.Scheduling?.Appointment is not null)
        {
            var why = $"booking again asked in {stored.Status}: only a referral in DocumentsReady or Rescheduled without an appointment is booked";
            await workflow.ApplyAsync(stored, WorkflowStep.Record(SchedulingEvents.NotRetried, request.Actor, why, message.MessageId), cancellationToken);
            logger.LogInformation("Referral {ReferralId}: booking again not done in {Status}", stored.ReferralId, stored.Status);
            return;
        }

        await scheduler.BookAsync(stored, request.Actor, message.MessageId, request.Reason, cancellationToken);
    }
}
