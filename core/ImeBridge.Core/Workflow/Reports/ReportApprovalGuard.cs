using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Reports;

/// <summary>
/// No approval without a report that passed QA: the latest version must have passed, and so must the latest report
/// the addenda amend. Registered as an <see cref="ITransitionGuard"/>, so it holds for operators' moves as well as reviews.
/// </summary>
public sealed class ReportApprovalGuard : ITransitionGuard
{
    public string? WhyNot(StoredReferral stored, string to)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (to != ReferralStatus.ReportApproved)
        {
            return null;
        }

        var reports = stored.Case.Reports;
        if (reports?.Latest is not { } latest)
        {
            return "no report has been received";
        }

        if (!latest.Qa.Passed)
        {
            return $"the latest {latest.Kind} (version {latest.Version}) failed QA: {string.Join("; ", latest.Qa.Gaps)}";
        }

        return reports.LatestReport is { Qa.Passed: false } report
            ? $"the report the addenda amend (version {report.Version}) failed QA: {string.Join("; ", report.Qa.Gaps)}"
            : null;
    }
}
