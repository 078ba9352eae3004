using System.Text;
using ImeBridge.Core.Workflow.Reports;

namespace ImeBridge.Core.Tests.Workflow.Reports;

public sealed class ReportSubmissionReaderTests
{
    private static ReportSubmissionReadResult Read(string json) => ReportSubmissionReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_complete_submission_is_read_with_its_answers_sections_findings_and_signature()
    {
        var result = Read("""
            {"referralId": "ref-1", "kind": "report", "answers": {"q1": "Yes.", "Q3": ""},
             "sections": {"history": "Fell.", "causation": " "},
             "findings": {"causation": "partiallyRelated", "mmiReached": true, "mmiDate": "2026-05-01", "workRestrictions": "modifiedDuty"},
             "signature": {"signerName": "Dana R. Whitfield, MD", "npi": "1748512369", "signedAt": "2026-06-01T15:30:00Z"}}
            """);

        var submission = Assert.IsType<ReportSubmission>(result.Submission);
        Assert.Equal(["q1"], submission.AnsweredQuestionIds);
        Assert.Equal(["history"], submission.SectionsPresent);
        Assert.Equal(new ReportFindings("partiallyRelated", true, new DateOnly(2026, 5, 1), "modifiedDuty"), submission.Findings);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 15, 30, 0, TimeSpan.Zero), submission.Signature!.SignedAt);
    }

    [Fact]
    public void Each_malformed_field_is_named()
    {
        var result = Read("""
            {"kind": "memo", "sections": {"summary": "x"}, "answers": {"q1": 3},
             "findings": {"causation": "maybe", "mmiReached": "yes", "mmiDate": "05/01/2026"},
             "signature": {"npi": "1234567890", "signedAt": "tomorrow"}}
            """);

        Assert.Null(result.Submission);
        Assert.Equal(
            ["answers.q1", "findings.causation", "findings.mmiDate", "findings.mmiReached", "kind", "referralId", "sections.summary", "signature.npi", "signature.signedAt"],
            result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_body_that_is_not_a_json_object_is_refused_as_the_submission() =>
        Assert.Equal("submission", Assert.Single(Read("[1, 2]").Errors).Field);
}
