using ImeBridge.Core.Model;
using ImeBridge.Core.Workflow.Case;
using ImeBridge.Core.Workflow.Reports;

namespace ImeBridge.Core.Tests.Workflow.Reports;

/// <summary>A referral with two questions (one without an id), an expert matched by NPI, and a complete report for it.</summary>
internal static class ReportFixtures
{
    public const string ExpertNpi = "1748512369";
    public const string OtherNpi = "1234567893";

    public static readonly DateTimeOffset SignedAt = new(2026, 6, 1, 15, 30, 0, TimeSpan.Zero);

    public static Referral Referral() => new()
    {
        Request = new ExamRequest
        {
            ExamType = "ime",
            Questions = [new ExamQuestion { Text = "Is the condition work related?" }, new ExamQuestion { Id = "Q-MMI", Text = "Has MMI been reached?" }],
        },
    };

    public static ReferralCase MatchedCase() =>
        ReferralCase.Empty with { Match = new CaseMatch("npi:" + ExpertNpi, ExpertNpi, "207X00000X", "alb", null, SignedAt) };

    public static ReportSubmission CompleteReport() => new(
        "ref-1",
        ReportKinds.Report,
        new Dictionary<string, string> { ["q1"] = "Yes.", ["Q-MMI"] = "Not yet." },
        ReportSections.Required.ToDictionary(s => s, s => "Text of " + s),
        new ReportFindings("related", false, null, "modifiedDuty"),
        new ReportSignature("Dana R. Whitfield, MD", ExpertNpi, SignedAt));
}
