using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Case;
using ImeBridge.Core.Workflow.Reports;

namespace ImeBridge.Core.Tests.Workflow.Reports;

public sealed class ReportApprovalGuardTests
{
    private static ReportVersion Version(int number, string kind, bool passed) => new(
        number, kind, new string('a', 64), 10, new string('b', 64), [], [], null, null, ReportFixtures.SignedAt,
        new ReportQa(passed, passed ? [] : ["section causation missing"]), "m" + number);

    private static StoredReferral Stored(params ReportVersion[] versions) =>
        new("ref-1", "acme", ReferralStatus.ReportReceived, new Referral(), [])
        {
            Case = ReferralCase.Empty with { Reports = CaseReports.Empty with { Versions = versions } },
        };

    private static readonly ReportApprovalGuard Guard = new();

    [Fact]
    public void Approval_is_refused_while_the_latest_version_failed_qa_naming_its_gaps()
    {
        var why = Guard.WhyNot(Stored(Version(1, ReportKinds.Report, true), Version(2, ReportKinds.Report, false)), ReferralStatus.ReportApproved);

        Assert.Equal("the latest report (version 2) failed QA: section causation missing", why);
    }

    [Fact]
    public void Approval_is_refused_without_any_report() =>
        Assert.Equal("no report has been received", Guard.WhyNot(Stored(), ReferralStatus.ReportApproved));

    [Fact]
    public void An_addendum_that_passed_does_not_approve_a_report_that_failed()
    {
        var why = Guard.WhyNot(Stored(Version(1, ReportKinds.Report, false), Version(2, ReportKinds.Addendum, true)), ReferralStatus.ReportApproved);

        Assert.StartsWith("the report the addenda amend (version 1) failed QA", why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passing_latest_version_may_be_approved_and_other_moves_are_not_judged()
    {
        Assert.Null(Guard.WhyNot(Stored(Version(1, ReportKinds.Report, false), Version(2, ReportKinds.Report, true)), ReferralStatus.ReportApproved));
        Assert.Null(Guard.WhyNot(Stored(Version(1, ReportKinds.Report, false)), ReferralStatus.ClarificationRequested));
    }
}
