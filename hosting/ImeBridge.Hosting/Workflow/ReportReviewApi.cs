using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting.Workflow;

/// <summary>
/// <c>POST /api/referrals/{referralId}/review</c> with the partner's bearer token: <c>{"decision": "approve"}</c>, or
/// <c>{"decision": "clarify", "questions": ["…"]}</c> (no questions sends the clarification ImeBridge prepared). Checked
/// here against the state and the QA (409 with why), then queued in the referral's session as
/// <see cref="ReportReviewRequested"/>; the reviewer's questions go to the document store, never into the message.
/// </summary>
public sealed class ReportReviewApi(
    PartnerReferralAccess access,
    IDocumentStore documents,
    IMessageQueue queue,
    ReferralWorkflow workflow,
    TimeProvider time,
    ILogger<ReportReviewApi> logger)
{
    private const int MaxBodyBytes = 256 * 1024;
    private const int MaxQuestions = 50;

    public async Task<IResult> ReviewAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var read = await access.ReadAsync(request, referralId, cancellationToken);
        if (read is not { Partner: { } partner, Referral: { } stored })
        {
            return read.Refusal!;
        }

        var (review, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var target = review!.Decision == ReviewDecisions.Approve ? ReferralStatus.ReportApproved : ReferralStatus.ClarificationRequested;
        if (workflow.WhyNot(stored, target) is { } why)
        {
            return ReportProblems.WrongState($"The referral is {stored.Status}; it cannot move to {target}: {why}.");
        }

        if (review.Decision == ReviewDecisions.Clarify && review.Questions.Count == 0 && stored.Case.Reports?.PreparedClarification is null)
        {
            return ReportProblems.InvalidField("questions", "give at least one question: no clarification was prepared for this report");
        }

        string? questionsSha = null;
        if (review.Questions.Count > 0)
        {
            questionsSha = (await documents.PutAsync(JsonSerializer.SerializeToUtf8Bytes(review.Questions, MessageJson.Options), "application/json", cancellationToken)).Sha256;
        }

        var stepId = "review:" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var body = new ReportReviewRequested(stored.ReferralId, review.Decision, "partner:" + partner.Id, questionsSha);
        var message = WorkflowMessages.Create(ReportMessageTypes.ReportReviewRequested, stored.ReferralId, stepId, body);
        await queue.SendAsync([message], cancellationToken);
        logger.LogInformation("Referral {ReferralId}: review {Decision} by partner {PartnerId} queued", stored.ReferralId, review.Decision, partner.Id);
        return TypedResults.Accepted(ReferralApi.ReferralLocation(stored.ReferralId), new ReviewAccepted(stored.ReferralId, review.Decision, message.MessageId));
    }

    private static async Task<(ReviewRequest? Review, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, ProblemResults.PayloadTooLarge(MaxBodyBytes));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException)
        {
            return (null, ReportProblems.InvalidField("body", "must be JSON: {\"decision\": \"approve\" | \"clarify\", \"questions\": [TEXT, …]}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, ReportProblems.InvalidField("body", "must be a JSON object"));
            }

            var decision = root.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (decision is not (ReviewDecisions.Approve or ReviewDecisions.Clarify))
            {
                return (null, ReportProblems.InvalidField("decision", "must be approve or clarify"));
            }

            var questions = new List<string>();
            if (root.TryGetProperty("questions", out var q) && q.ValueKind != JsonValueKind.Null)
            {
                if (decision == ReviewDecisions.Approve)
                {
                    return (null, ReportProblems.InvalidField("questions", "only go with decision clarify"));
                }

                if (q.ValueKind != JsonValueKind.Array || q.GetArrayLength() > MaxQuestions)
                {
                    return (null, ReportProblems.InvalidField("questions", $"must be an array of up to {MaxQuestions} questions"));
                }

                var index = 0;
                foreach (var item in q.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                    {
                        return (null, ReportProblems.InvalidField($"questions[{index}]", "must be a non-empty string"));
                    }

                    questions.Add(item.GetString()!.Trim());
                    index++;
                }
            }

            return (new ReviewRequest(decision, questions), null);
        }
    }

    private sealed record ReviewRequest(string Decision, IReadOnlyList<string> Questions);
}

/// <summary>The answer to a review: queued, applied in the referral's session (the timeline shows the outcome).</summary>
public sealed record ReviewAccepted(string ReferralId, string Decision, string MessageId);
