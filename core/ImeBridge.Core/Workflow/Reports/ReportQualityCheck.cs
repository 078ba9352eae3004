using ImeBridge.Core.Model;
using ImeBridge.Core.Workflow.Case;

namespace ImeBridge.Core.Workflow.Reports;

/// <summary>
/// QA of a report or addendum, each gap listed on its own as a code without report text:
/// <list type="bullet">
/// <item>a report answers every referral question by id (<see cref="ReferralQuestionIds"/>), has every required section
/// with some text (<see cref="ReportSections"/>) and states its findings (causation, MMI with its date when reached,
/// work restrictions);</item>
/// <item>an addendum answers every question of the last clarification sent (<c>c1</c> …); it amends the report, so
/// sections and findings are not required again;</item>
/// <item>both are signed (signer name, NPI, signed at) by the NPI of the expert the referral was matched to.</item>
/// </list>
/// </summary>
public static class ReportQualityCheck
{
    public const string UnsignedGap = "unsigned";
    public const string SignedByAnotherNpiGap = "signed by another npi";
    public const string NoMatchedExpertGap = "no matched expert to check the signature";

    public static ReportQa Check(ReportSubmission submission, Referral referral, ReferralCase referralCase)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(referralCase);
        var gaps = new List<string>();
        var isReport = submission.Kind == ReportKinds.Report;
        var questions = isReport
            ? ReferralQuestionIds.Of(referral)
            : referralCase.Reports?.LatestClarification?.Questions.Select(q => q.Id).ToList() ?? [];
        var answered = submission.AnsweredQuestionIds.ToHashSet(StringComparer.Ordinal);
        gaps.AddRange(questions.Where(id => !answered.Contains(id)).Select(id => $"question {id} unanswered"));
        if (isReport)
        {
            var present = submission.SectionsPresent.ToHashSet(StringComparer.Ordinal);
            gaps.AddRange(ReportSections.Required.Where(s => !present.Contains(s)).Select(s => $"section {s} missing"));
            gaps.AddRange(MissingFindings(submission.Findings));
        }

        gaps.AddRange(SignatureGaps(submission.Signature, referralCase.Match?.Npi));
        return new ReportQa(gaps.Count == 0, gaps);
    }

    private static IEnumerable<string> MissingFindings(ReportFindings? findings)
    {
        if (findings?.Causation is null)
        {
            yield return "finding causation missing";
        }

        if (findings?.MmiReached is null)
        {
            yield return "finding mmiReached missing";
        }
        else if (findings.MmiReached == true && findings.MmiDate is null)
        {
            yield return "finding mmiDate missing";
        }

        if (findings?.WorkRestrictions is null)
        {
            yield return "finding workRestrictions missing";
        }
    }

    private static IEnumerable<string> SignatureGaps(ReportSignature? signature, string? expertNpi)
    {
        if (signature is not { SignerName.Length: > 0, Npi.Length: > 0, SignedAt: not null })
        {
            yield return UnsignedGap;
            yield break;
        }

        if (expertNpi is null)
        {
            yield return NoMatchedExpertGap;
        }
        else if (!string.Equals(signature.Npi, expertNpi, StringComparison.Ordinal))
        {
            yield return SignedByAnotherNpiGap;
        }
    }
}
