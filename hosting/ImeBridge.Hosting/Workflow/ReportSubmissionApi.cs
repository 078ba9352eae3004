using System.Text;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Workflow;

/// <summary>
/// <c>POST /api/reports</c> with <c>Authorization: Bearer &lt;reports:writerToken&gt;</c>: the report writer submits a
/// report or addendum as multipart/form-data, the PDF as the <c>report</c> file and the structured part (docs/reports.md)
/// as the <c>submission</c> part. Both are kept in the document store and a <see cref="ReportSubmitted"/> message is
/// queued in the referral's session, where QA and the move happen; the answer is 202 with the version it will be.
/// </summary>
public sealed class ReportSubmissionApi(
    IReferralStore store,
    IDocumentStore documents,
    IMessageQueue queue,
    IOptions<ReportsOptions> options,
    TimeProvider time,
    ILogger<ReportSubmissionApi> logger)
{
    public const string ReportField = "report";
    public const string SubmissionField = "submission";
    private const int MaxSubmissionBytes = 4 * 1024 * 1024;

    public async Task<IResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (!settings.WriterApiEnabled)
        {
            return ReportProblems.WriterApiNotConfigured();
        }

        if (!BearerToken.Matches(request, settings.WriterToken!))
        {
            return ReportProblems.WriterTokenRequired();
        }

        var maxRequestBytes = settings.MaxReportBytes + MaxSubmissionBytes;
        if (request.ContentLength > maxRequestBytes)
        {
            return ReportProblems.TooLarge(settings.MaxReportBytes);
        }

        if (!request.HasFormContentType || !(request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return ReportProblems.NotMultipart();
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxRequestBytes;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxRequestBytes }, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return ReportProblems.InvalidField("body", "is not readable multipart/form-data");
        }

        var (pdf, pdfProblem) = await ReadPdfAsync(form.Files.GetFile(ReportField), settings.MaxReportBytes, cancellationToken);
        if (pdfProblem is not null)
        {
            return pdfProblem;
        }

        var submissionBytes = await SubmissionBytesAsync(form, cancellationToken);
        if (submissionBytes is null)
        {
            return ReportProblems.InvalidField(SubmissionField, "is required: the structured part as JSON (a form field or an application/json file)");
        }

        var read = ReportSubmissionReader.Read(submissionBytes);
        if (read.Submission is not { } submission)
        {
            return ReportProblems.Invalid(read.Errors.Select(e => (e.Field, e.Reason)));
        }

        var stored = await store.GetAsync(submission.ReferralId, cancellationToken);
        if (stored is null)
        {
            return ReportProblems.NotFound(submission.ReferralId);
        }

        if (WrongState(stored, submission.Kind) is { } conflict)
        {
            return conflict;
        }

        var expected = ExpectedQuestionIds(stored, submission.Kind);
        var unknown = submission.Answers.Keys.Where(id => !expected.Contains(id, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            var known = expected.Count == 0 ? "none" : string.Join(", ", expected);
            return ReportProblems.Invalid(unknown.Select(id => ($"answers.{id}", $"is not a question of this {submission.Kind} (its questions: {known})")));
        }

        return await QueueAsync(stored, submission, pdf!, submissionBytes, cancellationToken);
    }

    private async Task<IResult> QueueAsync(StoredReferral stored, ReportSubmission submission, byte[] pdf, byte[] submissionBytes, CancellationToken cancellationToken)
    {
        var report = await documents.PutAsync(pdf, "application/pdf", cancellationToken);
        var structured = await documents.PutAsync(submissionBytes, "application/json", cancellationToken);
        // Named by its content: the same submission sent again is the same message, taken in once.
        var stepId = $"report:{stored.ReferralId}:{report.Sha256[..16]}{structured.Sha256[..16]}";
        var body = new ReportSubmitted(stored.ReferralId, submission.Kind, report.Sha256, report.Size, structured.Sha256, time.GetUtcNow());
        var message = WorkflowMessages.Create(ReportMessageTypes.ReportSubmitted, stored.ReferralId, stepId, body);
        var reports = stored.Case.Reports ?? CaseReports.Empty;
        var location = "/api/referrals/" + Uri.EscapeDataString(stored.ReferralId);
        if (reports.Versions.FirstOrDefault(v => v.MessageId == message.MessageId) is { } existing)
        {
            return new ResultWithHeader(
                TypedResults.Ok(new ReportAccepted(stored.ReferralId, existing.Version, existing.Kind, existing.Sha256, Duplicate: true)),
                "Location",
                location);
        }

        await queue.SendAsync([message], cancellationToken);
        logger.LogInformation(
            "Referral {ReferralId}: {Kind} of {Size} bytes queued as version {Version}",
            stored.ReferralId,
            submission.Kind,
            report.Size,
            reports.NextVersion);
        return TypedResults.Accepted(location, new ReportAccepted(stored.ReferralId, reports.NextVersion, submission.Kind, report.Sha256, Duplicate: false));
    }

    private static IResult? WrongState(StoredReferral stored, string kind)
    {
        string[] allowed = kind == ReportKinds.Addendum
            ? [ReferralStatus.ClarificationRequested, ReferralStatus.AddendumReceived]
            : [ReferralStatus.Examined, ReferralStatus.ReportReceived];
        return allowed.Contains(stored.Status, StringComparer.Ordinal)
            ? null
            : ReportProblems.WrongState($"The referral is {stored.Status}; {(kind == ReportKinds.Addendum ? "an addendum" : "a report")} is taken in {string.Join(" or ", allowed)}.");
    }

    private static IReadOnlyList<string> ExpectedQuestionIds(StoredReferral stored, string kind) =>
        kind == ReportKinds.Report
            ? ReferralQuestionIds.Of(stored.Referral)
            : stored.Case.Reports?.LatestClarification?.Questions.Select(q => q.Id).ToList() ?? [];

    private static async Task<(byte[]? Pdf, IResult? Problem)> ReadPdfAsync(IFormFile? file, long maxBytes, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, ReportProblems.InvalidField(ReportField, "is required: the report as a PDF file part"));
        }

        if (file.Length > maxBytes)
        {
            return (null, ReportProblems.TooLarge(maxBytes));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        return ReportPdf.IsPdf(bytes)
            ? (bytes, null)
            : (null, ReportProblems.InvalidField(ReportField, "is not a PDF (no %PDF- header and %%EOF trailer)"));
    }

    private static async Task<byte[]?> SubmissionBytesAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        if (form.Files.GetFile(SubmissionField) is { Length: > 0 and <= MaxSubmissionBytes } file)
        {
            await using var stream = file.OpenReadStream();
            var bytes = new byte[file.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken);
            return bytes;
        }

        return form.TryGetValue(SubmissionField, out var text) && text.ToString() is { Length: > 0 } json ? Encoding.UTF8.GetBytes(json) : null;
    }
}

/// <summary>The answer to a report submission: the version it is (or will be, once taken in from the queue).</summary>
public sealed record ReportAccepted(string ReferralId, int Version, string Kind, string ReportSha256, bool Duplicate);
