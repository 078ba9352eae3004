using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Workflow.Reports;

/// <summary>
/// Applies the referrer's review in the referral's session. <c>approve</c> moves to ReportApproved carrying the approved
/// version's SHA-256 (the latest, a report or the addendum that completes it) for delivery; <see cref="ReportApprovalGuard"/>
/// refuses it unless QA passed. <c>clarify</c> moves to ClarificationRequested with the questions stored (ids
/// <c>c1</c>, <c>c2</c> …), the reviewer's or, when the review gives none, the prepared ones, and emits
/// <see cref="ReportClarificationRequested"/> for the expert.
/// </summary>
public sealed class ReportReviewHandler(
    IReferralStore store,
    IDocumentStore documents,
    ReferralWorkflow workflow,
    TimeProvider time,
    ILogger<ReportReviewHandler> logger) : IMessageHandler
{
    public string MessageType => ReportMessageTypes.ReportReviewRequested;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var review = WorkflowMessages.Read<ReportReviewRequested>(message);
        var stepId = message.MessageId + ":review";
        var stored = await store.GetAsync(review.ReferralId, cancellationToken);
        if (stored is null || stored.Timeline.Any(e => e.MessageId == stepId))
        {
            return;
        }

        var step = review.Decision == ReviewDecisions.Approve
            ? Approve(stored, review.Actor, stepId)
            : await ClarifyAsync(stored, review, stepId, cancellationToken);
        var outcome = await workflow.ApplyAsync(stored, step, cancellationToken);
        logger.LogInformation("Referral {ReferralId}: review {Decision} {Result}", stored.ReferralId, review.Decision, outcome.Result);
        if (outcome.Result == TransitionResult.StateChanged
            && await store.GetAsync(review.ReferralId, cancellationToken) is { } after
            && !after.Timeline.Any(e => e.MessageId == stepId))
        {
            // Not refused (that is on the timeline) but overtaken by an operator's move: decide again on redelivery.
            throw new InvalidOperationException("the referral moved while the review was applied; it is tried again");
        }
    }

    private WorkflowStep Approve(StoredReferral stored, string actor, string stepId)
    {
        var reports = stored.Case.Reports ?? CaseReports.Empty;
        if (reports.Latest is not { } latest)
        {
            // The guard refuses it and the refusal goes on the timeline.
            return WorkflowStep.Move(ReferralStatus.ReportApproved, actor, "approved", stepId);
        }

        var report = reports.LatestReport;
        // A report stands alone; an addendum is approved with the report it amends and the passing addenda since.
        List<int> versions = report is null
            ? [latest.Version]
            : [.. reports.Versions.Where(v => v.Version == report.Version || (v.Kind == ReportKinds.Addendum && v.Version > report.Version && v.Qa.Passed)).Select(v => v.Version)];
        var approval = new ReportApproval(latest.Version, versions, latest.Sha256, time.GetUtcNow(), actor);
        var reason = latest.Kind == ReportKinds.Report
            ? $"version {latest.Version} (report) approved, sha256 {latest.Sha256}"
            : $"version {latest.Version} (addendum) approved with the report and addenda {string.Join(", ", versions)}, sha256 {latest.Sha256}";
        return WorkflowStep.Move(ReferralStatus.ReportApproved, actor, reason, stepId) with
        {
            ReportSha256 = latest.Sha256,
            Case = stored.Case with { Reports = reports with { Approval = approval } },
        };
    }

    private async Task<WorkflowStep> ClarifyAsync(StoredReferral stored, ReportReviewRequested review, string stepId, CancellationToken cancellationToken)
    {
        var reports = stored.Case.Reports ?? CaseReports.Empty;
        var texts = review.QuestionsSha256 is { } sha ? await ReadQuestionsAsync(sha, cancellationToken) : null;
        var now = time.GetUtcNow();
        Clarification? clarification = texts is { Count: > 0 }
            ? new Clarification(
                [.. texts.Select((t, i) => new ClarificationQuestion(reports.NextQuestionId(i), t))],
                Clarification.FromReferrer,
                reports.Latest?.Version ?? 0,
                now)
            : reports.PreparedClarification;
        if (clarification is null)
        {
            return WorkflowStep.Record("clarification.refused", review.Actor, "no questions were given and none was prepared", stepId);
        }

        clarification = clarification with { SentAt = now, RequestedBy = review.Actor };
        var match = stored.Case.Match;
        var ids = clarification.Questions.Select(q => q.Id).ToList();
        var body = new ReportClarificationRequested(stored.ReferralId, clarification.ForVersion, match?.ExpertId, match?.Npi, ids);
        return WorkflowStep.Move(
                ReferralStatus.ClarificationRequested,
                review.Actor,
                $"{clarification.Source} questions {string.Join(", ", ids)} about version {clarification.ForVersion}",
                stepId) with
        {
            Case = stored.Case with { Reports = reports with { Clarifications = [.. reports.Clarifications, clarification], PreparedClarification = null } },
            Emit = [WorkflowMessages.Create(ReportMessageTypes.ReportClarificationRequested, stored.ReferralId, stepId, body)],
        };
    }

    private async Task<IReadOnlyList<string>> ReadQuestionsAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var stream = await documents.OpenAsync(sha256, cancellationToken)
            ?? throw new InvalidOperationException("the review's questions are not in the document store");
        return await JsonSerializer.DeserializeAsync<List<string>>(stream, MessageJson.Options, cancellationToken) ?? [];
    }
}
