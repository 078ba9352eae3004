using System.Text.Json;
using ImeBridge.Core.Json;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting;

/// <summary>
/// The operator API under <c>/api/ops</c>, with <c>Authorization: Bearer &lt;operatorToken&gt;</c>: referrals by
/// state, partner and age (stuck ones), one referral with its timeline whoever sent it, a manual transition with a
/// reason, and the dead-lettered messages, which can be replayed. Answers 404 while <c>operatorToken</c> is not configured.
/// </summary>
public sealed class OpsApi(
    IReferralStore store,
    IMessageQueue queue,
    ReferralWorkflow workflow,
    OperatorAuth auth,
    TimeProvider time,
    ILogger<OpsApi> logger)
{
    private static readonly string[] OpenStates = [.. WorkflowTransitions.States.Where(s => s is not (ReferralStatus.Closed or ReferralStatus.Cancelled or ReferralStatus.Rejected or ReferralStatus.Linked))];

    /// <summary><c>GET /api/ops/referrals?status=A,B&amp;partner=ID&amp;stuckFor=P2D&amp;max=N</c>; <c>stuckFor</c> keeps open referrals that have not moved for that long.</summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refused(request) is { } refused)
        {
            return refused;
        }

        var statuses = request.Query["status"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (statuses.FirstOrDefault(s => !WorkflowTransitions.IsKnown(s)) is { } unknown)
        {
            return ProblemResults.InvalidOperatorRequest($"status: '{unknown}' is not a workflow state ({string.Join(", ", WorkflowTransitions.States)}).");
        }

        DateTimeOffset? updatedBefore = null;
        if (request.Query["stuckFor"].ToString() is { Length: > 0 } stuckFor)
        {
            if (!TryDuration(stuckFor, out var duration))
            {
                return ProblemResults.InvalidOperatorRequest("stuckFor: give an ISO-8601 duration (P2D, PT6H) or hh:mm:ss.");
            }

            updatedBefore = time.GetUtcNow() - duration;
            statuses = statuses.Length == 0 ? OpenStates : statuses;
        }

        var max = int.TryParse(request.Query["max"], out var parsed) ? parsed : 100;
        var partner = request.Query["partner"].ToString();
        var list = await store.ListReferralsAsync(new ReferralQuery(statuses, partner.Length == 0 ? null : partner, updatedBefore, max), cancellationToken);
        return TypedResults.Json(new { referrals = list }, ReferralJson.Options);
    }

    /// <summary><c>GET /api/ops/referrals/{referralId}</c>: the referral and its timeline, whichever partner sent it.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refused(request) is { } refused)
        {
            return refused;
        }

        var stored = await store.GetAsync(referralId, cancellationToken);
        if (stored is null)
        {
            return ProblemResults.NotFound("Referral not found", $"No referral '{referralId}'.");
        }

        var view = ReferralView.From(stored) with { Case = stored.Case };
        return TypedResults.Json(view, ReferralJson.Options);
    }

    /// <summary><c>POST /api/ops/referrals/{referralId}/transitions</c> <c>{"to", "reason", "operator"}</c>: 200 when applied, 409 when the state does not allow it (recorded on the timeline).</summary>
    public async Task<IResult> TransitionAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refused(request) is { } refused)
        {
            return refused;
        }

        OpsReferralTransition? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<OpsReferralTransition>(request.Body, ReferralJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return ProblemResults.InvalidOperatorRequest("The body must be JSON: {\"to\": STATE, \"reason\": TEXT, \"operator\": NAME}.");
        }

        if (body is not { To.Length: > 0, Reason.Length: > 0, Operator.Length: > 0 })
        {
            return ProblemResults.InvalidOperatorRequest("to, reason and operator are all required: a manual move says who made it and why.");
        }

        var messageId = "ops:" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var outcome = await workflow.MoveAsync(referralId, body.To, "operator:" + body.Operator, body.Reason, messageId, cancellationToken);
        logger.LogInformation("Operator transition of {ReferralId} to {To}: {Result}", referralId, body.To, outcome.Result);
        return outcome.Result switch
        {
            TransitionResult.NotFound => ProblemResults.NotFound("Referral not found", $"No referral '{referralId}'."),
            TransitionResult.Applied => TypedResults.Ok(new { referralId, status = outcome.CurrentStatus, messageId }),
            _ => ProblemResults.TransitionRefused(outcome.Refusal ?? $"the referral moved to {outcome.CurrentStatus} meanwhile; look again"),
        };
    }

    /// <summary><c>GET /api/ops/dead-letters?max=N</c>: messages that will not be delivered again, with why (bodies left out).</summary>
    public async Task<IResult> DeadLettersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refused(request) is { } refused)
        {
            return refused;
        }

        var max = int.TryParse(request.Query["max"], out var parsed) ? Math.Clamp(parsed, 1, 1000) : 100;
        var dead = await queue.PeekDeadLettersAsync(max, cancellationToken);
        return TypedResults.Json(
            new
            {
                deadLetters = dead.Select(d => new { d.SequenceNumber, d.MessageId, d.Type, d.SessionId, d.DeliveryCount, d.Reason, d.Description, d.DeadLetteredAt }),
            },
            ReferralJson.Options);
    }

    /// <summary><c>POST /api/ops/dead-letters/{sequenceNumber}/replay</c>: delivered again, once what made it fail is fixed.</summary>
    public async Task<IResult> ReplayDeadLetterAsync(HttpRequest request, long sequenceNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refused(request) is { } refused)
        {
            return refused;
        }

        if (!await queue.ReplayDeadLetterAsync(sequenceNumber, cancellationToken))
        {
            return ProblemResults.NotFound("Dead letter not found", $"No dead-lettered message has sequence number {sequenceNumber}.");
        }

        logger.LogInformation("Dead letter {SequenceNumber} replayed by an operator", sequenceNumber);
        return TypedResults.Accepted((string?)null, new { sequenceNumber, replayed = true });
    }

    private IResult? Refused(HttpRequest request) => auth.Refuse(request);

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        try
        {
            duration = System.Xml.XmlConvert.ToTimeSpan(text);
            return duration > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }
    }
}
