using ImeBridge.Core.Model;
using ImeBridge.Core.Workflow.Reports;

namespace ImeBridge.Core.Tests.Workflow.Reports;

public sealed class OpinionDisagreementsTests
{
    private static MedicalOpinion Treating() => new() { Causation = "related", MmiReached = true, MmiDate = new DateOnly(2026, 5, 1), WorkRestrictions = "offWork" };

    [Fact]
    public void Findings_that_agree_with_the_treating_physician_need_no_clarification() =>
        Assert.Empty(OpinionDisagreements.Find(Treating(), new ReportFindings("related", true, new DateOnly(2026, 5, 1), "offWork")));

    [Fact]
    public void Each_difference_on_causation_mmi_and_work_restrictions_is_a_question_naming_both_opinions()
    {
        var found = OpinionDisagreements.Find(Treating(), new ReportFindings("notRelated", false, null, "none"));

        Assert.Equal(["causation", "mmi", "workRestrictions"], found.Select(d => d.Topic));
        Assert.Contains("'related'", found[0].Question, StringComparison.Ordinal);
        Assert.Contains("'notRelated'", found[0].Question, StringComparison.Ordinal);
        Assert.Contains("has not been reached", found[1].Question, StringComparison.Ordinal);
        Assert.Contains("'offWork'", found[2].Question, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_saying_mmi_reached_on_different_dates_is_a_difference_on_the_date()
    {
        var found = OpinionDisagreements.Find(Treating(), new ReportFindings("related", true, new DateOnly(2026, 3, 1), "offWork"));

        var disagreement = Assert.Single(found);
        Assert.Equal("mmiDate", disagreement.Topic);
        Assert.Contains("2026-05-01", disagreement.Question, StringComparison.Ordinal);
        Assert.Contains("2026-03-01", disagreement.Question, StringComparison.Ordinal);
    }

    [Fact]
    public void What_either_side_leaves_out_and_an_undetermined_treating_opinion_are_not_compared()
    {
        var treating = new MedicalOpinion { Causation = "undetermined" };

        Assert.Empty(OpinionDisagreements.Find(treating, new ReportFindings("notRelated", false, null, "none")));
        Assert.Empty(OpinionDisagreements.Find(Treating(), new ReportFindings(null, null, null, null)));
        Assert.Empty(OpinionDisagreements.Find(null, new ReportFindings("notRelated", false, null, "none")));
    }
}
