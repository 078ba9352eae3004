using ImeBridge.Core.Workflow.Reports;
using static ImeBridge.Core.Tests.Workflow.Reports.ReportFixtures;

namespace ImeBridge.Core.Tests.Workflow.Reports;

public sealed class ReportQualityCheckTests
{
    [Fact]
    public void A_report_answering_every_question_with_every_section_its_findings_and_the_experts_signature_passes()
    {
        var qa = ReportQualityCheck.Check(CompleteReport(), Referral(), MatchedCase());

        Assert.True(qa.Passed);
        Assert.Empty(qa.Gaps);
    }

    [Fact]
    public void A_question_without_an_id_is_answered_by_its_position_and_each_unanswered_question_is_a_gap()
    {
        var report = CompleteReport() with { Answers = new Dictionary<string, string> { ["Q-MMI"] = "   " } };

        var qa = ReportQualityCheck.Check(report, Referral(), MatchedCase());

        Assert.False(qa.Passed);
        Assert.Equal(["question q1 unanswered", "question Q-MMI unanswered"], qa.Gaps);
    }

    [Fact]
    public void Each_required_section_missing_or_blank_is_its_own_gap()
    {
        var sections = ReportSections.Required.Where(s => s is not ("causation" or "impairment")).ToDictionary(s => s, s => "text");
        sections["impairment"] = "";
        var report = CompleteReport() with { Sections = sections };

        var qa = ReportQualityCheck.Check(report, Referral(), MatchedCase());

        Assert.Equal(["section causation missing", "section impairment missing"], qa.Gaps);
    }

    [Fact]
    public void Missing_findings_are_gaps_and_mmi_reached_needs_its_date()
    {
        var report = CompleteReport() with { Findings = new ReportFindings(null, true, null, null) };

        var qa = ReportQualityCheck.Check(report, Referral(), MatchedCase());

        Assert.Equal(["finding causation missing", "finding mmiDate missing", "finding workRestrictions missing"], qa.Gaps);
    }

    [Fact]
    public void A_report_without_a_complete_signature_is_unsigned()
    {
        var noSignature = ReportQualityCheck.Check(CompleteReport() with { Signature = null }, Referral(), MatchedCase());
        var noDate = ReportQualityCheck.Check(CompleteReport() with { Signature = new ReportSignature("Dana R. Whitfield, MD", ExpertNpi, null) }, Referral(), MatchedCase());

        Assert.Equal(["unsigned"], noSignature.Gaps);
        Assert.Equal(["unsigned"], noDate.Gaps);
    }

    [Fact]
    public void A_report_signed_by_another_npi_than_the_matched_experts_fails()
    {
        var report = CompleteReport() with { Signature = new ReportSignature("Someone Else, MD", OtherNpi, SignedAt) };

        var qa = ReportQualityCheck.Check(report, Referral(), MatchedCase());

        Assert.Equal([ReportQualityCheck.SignedByAnotherNpiGap], qa.Gaps);
    }

    [Fact]
    public void Without_a_matched_expert_the_signature_cannot_be_checked_and_qa_fails()
    {
        var qa = ReportQualityCheck.Check(CompleteReport(), Referral(), ImeBridge.Core.Workflow.Case.ReferralCase.Empty);

        Assert.Equal([ReportQualityCheck.NoMatchedExpertGap], qa.Gaps);
    }

    [Fact]
    public void Every_gap_is_listed_one_by_one()
    {
        var report = CompleteReport() with
        {
            Answers = new Dictionary<string, string>(),
            Sections = new Dictionary<string, string>(),
            Findings = null,
            Signature = null,
        };

        var qa = ReportQualityCheck.Check(report, Referral(), MatchedCase());

        Assert.Equal(2 + ReportSections.Required.Count + 3 + 1, qa.Gaps.Count);
        Assert.Equal("unsigned", qa.Gaps[^1]);
    }

    [Fact]
    public void An_addendum_must_answer_the_last_clarification_and_needs_no_sections_or_findings_again()
    {
        var clarification = new Clarification([new ClarificationQuestion("c1", "Why?"), new ClarificationQuestion("c2", "When?")], Clarification.FromReferrer, 1, SignedAt, SignedAt);
        var referralCase = MatchedCase() with { Reports = CaseReports.Empty with { Clarifications = [clarification] } };
        var addendum = CompleteReport() with
        {
            Kind = ReportKinds.Addendum,
            Answers = new Dictionary<string, string> { ["c1"] = "Because." },
            Sections = new Dictionary<string, string>(),
            Findings = null,
        };

        var qa = ReportQualityCheck.Check(addendum, Referral(), referralCase);

        Assert.Equal(["question c2 unanswered"], qa.Gaps);
    }
}
