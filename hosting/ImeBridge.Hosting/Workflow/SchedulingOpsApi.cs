using System.Text.Json;
using ImeBridge.Core.Json;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Scheduling;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting.Workflow;

/// <summary>
/// <c>POST /api/ops/referrals/{referralId}/schedule</c> <c>{"reason", "operator"}</c> with the operator token: book a
/// referral again after a <c>schedule.escalated</c> (slots added, capacity freed). 202 with the message id: the booking
/// runs in the referral's session and lands on the timeline; 409 when the referral does not wait for a booking.
/// </summary>
public sealed class SchedulingOpsApi(IReferralStore store, IMessageQueue queue, OperatorAuth auth, TimeProvider time, ILogger<SchedulingOpsApi> logger)
{
    public async Task<IResult> RetryAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        SchedulingRetryRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SchedulingRetryRequest>(request.Body, ReferralJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return ProblemResults.InvalidOperatorRequest("The body must be JSON: {\"reason\": TEXT, \"operator\": NAME}.");
        }

        if (body?.Reason is not { Length: > 0 } reason)
        {
            return ProblemResults.InvalidOperatorRequest("reason: say why the referral should be booked again.");
        }

        if (body.Operator is not { Length: > 0 } name)
        {
            return ProblemResults.InvalidOperatorRequest("operator: say who asks.");
        }

        var stored = await store.GetAsync(referralId, cancellationToken);
        if (stored is null)
        {
            return ProblemResults.NotFound("Referral not found", $"No referral '{referralId}'.");
        }

        if (!AppointmentScheduler.WaitsForBooking(stored.Status) || stored.Case.Scheduling?.Appointment is not null)
        {
            return ProblemResults.TransitionRefused($"the referral is {stored.Status}: only one in DocumentsReady or Rescheduled without an appointment is booked again");
        }

        var stepId = "ops:" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var message = WorkflowMessages.Create(ScheduleRequested.MessageType, referralId, stepId, new ScheduleRequested(referralId, "operator:" + name, reason));
        await queue.SendAsync([message], cancellationToken);
        logger.LogInformation("Operator asked to book referral {ReferralId} again ({MessageId})", referralId, message.MessageId);
        return TypedResults.Accepted((string?)null, new { referralId, messageId = message.MessageId });
    }
}
