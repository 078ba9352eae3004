using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Case;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Workflow.Reports;

/// <summary>
/// Takes in a report or addendum in the referral's session, in three steps each idempotent on the submission's message:
/// the move (Examined or ReportReceived → ReportReceived; ClarificationRequested or AddendumReceived → AddendumReceived)
/// storing the version with its QA in the case; <c>qa.passed</c> or <c>qa.failed</c> listing each gap, the failure
/// emitting <see cref="ReportGapsFound"/> for the expert; and, when a passing version's findings differ from the treating
/// physician's opinion, <c>clarification.prepared</c> with the questions kept as a draft for the reviewer to send.
/// </summary>
public sealed class ReportSubmittedHandler(
    IReferralStore store,
    IDocumentStore documents,
    ReferralWorkflow workflow,
    TimeProvider time,
    ILogger<ReportSubmittedHandler> logger) : IMessageHandler
{
    public const string WriterActor = "reports:writer";
    public const string QaActor = "imebridge:qa";

    public string MessageType => ReportMessageTypes.ReportSubmitted;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var submitted = WorkflowMessages.Read<ReportSubmitted>(message);
        var stored = await store.GetAsync(submitted.ReferralId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        var moveId = message.MessageId + ":receive";
        var version = stored.Case.Reports?.Versions.FirstOrDefault(v => v.MessageId == message.MessageId);
        if (version is null)
        {
            if (stored.Timeline.Any(e => e.MessageId == moveId))
            {
                return; // refused before, as recorded on the timeline
            }

            var submission = await ReadSubmissionAsync(submitted, cancellationToken);
            var reports = stored.Case.Reports ?? CaseReports.Empty;
            version = new ReportVersion(
                reports.NextVersion,
                submitted.Kind,
                submitted.ReportSha256,
                submitted.ReportSize,
                submitted.SubmissionSha256,
                submission.AnsweredQuestionIds,
                submission.SectionsPresent,
                submission.Findings,
                submission.Signature,
                submitted.ReceivedAt,
                ReportQualityCheck.Check(submission, stored.Referral, stored.Case),
                message.MessageId);
            var target = submitted.Kind == ReportKinds.Addendum ? ReferralStatus.AddendumReceived : ReferralStatus.ReportReceived;
            var updated = reports with { Versions = [.. reports.Versions, version], PreparedClarification = null };
            var move = WorkflowStep.Move(target, WriterActor, $"version {version.Version} ({version.Kind}), sha256 {version.Sha256}", moveId)
                with { Case = stored.Case with { Reports = updated } };
            var outcome = await workflow.ApplyAsync(stored, move, cancellationToken);
            stored = await store.GetAsync(submitted.ReferralId, cancellationToken) ?? stored;
            if (outcome.Result is TransitionResult.NotFound)
            {
                return;
            }

            if (outcome.Result is TransitionResult.StateChanged)
            {
                // Refused (recorded with the reason) or lost a race with an operator's move: then decide again on redelivery.
                if (stored.Timeline.Any(e => e.MessageId == moveId))
                {
                    return;
                }

                throw new InvalidOperationException("the referral moved while the report was taken in; it is tried again");
            }

            version = stored.Case.Reports?.Versions.FirstOrDefault(v => v.MessageId == message.MessageId) ?? version;
        }

        await RecordQaAsync(stored, version, message.MessageId + ":qa", cancellationToken);
        if (version.Qa.Passed)
        {
            await PrepareClarificationAsync(submitted.ReferralId, version, message.MessageId + ":clarification", cancellationToken);
        }
    }

    private async Task<ReportSubmission> ReadSubmissionAsync(ReportSubmitted submitted, CancellationToken cancellationToken)
    {
        await using var stream = await documents.OpenAsync(submitted.SubmissionSha256, cancellationToken)
            ?? throw new InvalidOperationException("the report submission is not in the document store");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return ReportSubmissionReader.Read(buffer.ToArray()).Submission
            ?? throw new InvalidOperationException("the stored report submission cannot be read");
    }

    private async Task RecordQaAsync(StoredReferral stored, ReportVersion version, string stepId, CancellationToken cancellationToken)
    {
        if (stored.Timeline.Any(e => e.MessageId == stepId))
        {
            return;
        }

        if (version.Qa.Passed)
        {
            await workflow.ApplyAsync(stored, WorkflowStep.Record("qa.passed", QaActor, $"version {version.Version} ({version.Kind})", stepId), cancellationToken);
            return;
        }

        var match = stored.Case.Match;
        var gaps = new ReportGapsFound(stored.ReferralId, version.Version, version.Kind, version.Sha256, match?.ExpertId, match?.Npi, version.Qa.Gaps);
        var step = WorkflowStep.Record("qa.failed", QaActor, $"version {version.Version} ({version.Kind}): {string.Join("; ", version.Qa.Gaps)}", stepId)
            with { Emit = [WorkflowMessages.Create(ReportMessageTypes.ReportGapsFound, stored.ReferralId, stepId, gaps)] };
        await workflow.ApplyAsync(stored, step, cancellationToken);
        logger.LogInformation("Referral {ReferralId}: report version {Version} failed QA with {GapCount} gaps", stored.ReferralId, version.Version, version.Qa.Gaps.Count);
    }

    private async Task PrepareClarificationAsync(string referralId, ReportVersion version, string stepId, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(referralId, cancellationToken);
        if (stored is null || stored.Timeline.Any(e => e.MessageId == stepId) || stored.Case.Reports?.Latest?.Version != version.Version)
        {
            return;
        }

        var disagreements = OpinionDisagreements.Find(stored.Referral.Request.TreatingPhysician?.Opinion, version.Findings);
        if (disagreements.Count == 0)
        {
            return;
        }

        var reports = stored.Case.Reports;
        var questions = disagreements.Select((d, i) => new ClarificationQuestion(reports.NextQuestionId(i), d.Question)).ToList();
        var draft = new Clarification(questions, Clarification.FromDisagreement, version.Version, time.GetUtcNow());
        var detail = $"version {version.Version} differs from the treating physician on {string.Join(", ", disagreements.Select(d => d.Topic))}: questions {string.Join(", ", questions.Select(q => q.Id))}";
        var step = WorkflowStep.Record("clarification.prepared", QaActor, detail, stepId)
            with { Case = stored.Case with { Reports = reports with { PreparedClarification = draft } } };
        await workflow.ApplyAsync(stored, step, cancellationToken);
    }
}
