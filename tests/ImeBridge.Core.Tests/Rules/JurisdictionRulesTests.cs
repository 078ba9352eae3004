using ImeBridge.Core.Rules;

namespace ImeBridge.Core.Tests.Rules;

public sealed class JurisdictionRulesTests
{
    private static readonly string[] RequiredStates = ["NY", "CA", "FL", "TX", "PA", "IL", "NJ", "GA", "OH", "OR"];
    private static readonly JurisdictionRules Rules = JurisdictionRules.Embedded;

    private static DateOnly D(string text) => DateOnly.Parse(text);

    [Fact]
    public void New_york_counts_seven_business_days_across_thanksgiving()
    {
        Assert.Equal(D("2026-12-02"), Rules.EarliestExamDate("NY", D("2026-11-20")));
    }

    [Fact]
    public void New_york_notice_sent_on_a_saturday_counts_from_the_next_business_day()
    {
        // 7 business days before 2 December is Friday 20 November, earlier than a Saturday notice.
        Assert.Equal(D("2026-12-03"), Rules.EarliestExamDate("NY", D("2026-11-21")));
    }

    [Fact]
    public void New_york_report_goes_to_five_parties_the_same_day_within_ten_business_days()
    {
        var rule = Rules.For("ny");
        Assert.True(rule.Recipients.SameDay);
        Assert.Equal(
            [ReportRecipient.Board, ReportRecipient.Carrier, ReportRecipient.TreatingPhysician, ReportRecipient.ClaimantRepresentative, ReportRecipient.Claimant],
            Rules.ReportRecipients("NY"));
        Assert.Equal(D("2026-12-07"), Rules.ReportDueDate("NY", D("2026-11-20")));
        Assert.False(rule.Report.Verified);
    }

    [Fact]
    public void Oregon_counts_ten_calendar_days_and_caps_three_exams()
    {
        Assert.Equal(D("2026-11-30"), Rules.EarliestExamDate("OR", D("2026-11-20")));
        Assert.Equal(3, Rules.For("OR").ExamLimit?.MaxExams);
    }

    [Fact]
    public void California_qme_report_is_due_thirty_days_after_the_exam()
    {
        Assert.Equal(D("2026-12-02"), Rules.ReportDueDate("CA", D("2026-11-02")));
        Assert.True(Rules.For("CA").Report.Verified);
    }

    [Fact]
    public void Texas_and_georgia_give_ten_days_notice()
    {
        Assert.Equal(D("2026-12-01"), Rules.EarliestExamDate("TX", D("2026-11-21")));
        Assert.Equal(D("2026-12-01"), Rules.EarliestExamDate("GA", D("2026-11-21")));
    }

    [Fact]
    public void Every_listed_state_has_its_own_rule()
    {
        foreach (var state in RequiredStates)
        {
            var rule = Rules.For(state);
            Assert.Equal(state, rule.State);
            Assert.False(rule.IsDefault, state);
        }
    }

    [Theory]
    [InlineData("ZZ")]
    [InlineData("WY")]
    [InlineData("")]
    [InlineData(null)]
    public void A_state_without_an_entry_gets_the_flagged_house_default(string? state)
    {
        var rule = Rules.For(state);
        Assert.True(rule.IsDefault);
        Assert.False(rule.Verified);
        Assert.All(rule.Parts, part => Assert.True(part.HouseDefault));
        Assert.Equal(D("2026-11-30"), Rules.EarliestExamDate(state, D("2026-11-20")));
        Assert.Equal(D("2026-12-20"), Rules.ReportDueDate(state, D("2026-11-20")));
    }

    [Fact]
    public void Every_part_of_every_entry_is_cited_and_no_house_default_claims_verification()
    {
        foreach (var rule in Rules.States.Append(Rules.Default))
        {
            Assert.All(rule.Parts, part =>
            {
                Assert.False(string.IsNullOrWhiteSpace(part.Citation.Source), rule.State);
                Assert.False(string.IsNullOrWhiteSpace(part.Citation.Note), rule.State);
                Assert.False(part.HouseDefault && part.Verified, rule.State);
            });
        }
    }

    [Fact]
    public void Unverified_parts_say_what_to_check()
    {
        var unverified = Rules.States.SelectMany(rule => rule.Parts).Where(part => !part.Verified && !part.HouseDefault);
        Assert.All(unverified, part => Assert.Contains("check", part.Citation.Note, StringComparison.OrdinalIgnoreCase));
    }
}
