using System.Globalization;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Workflow.Reports;

/// <summary>
/// The id a report answers each referral question by: the referrer's own id when it gave one, otherwise <c>q</c> and
/// the question's position from 1 (the second question is <c>q2</c>). Referrers may send bare strings
/// (<see cref="ExamQuestionJsonConverter"/>), and nothing assigns ids at intake, so the position is the stable name.
/// </summary>
public static class ReferralQuestionIds
{
    public static IReadOnlyList<string> Of(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return [.. referral.Request.Questions
            .Select((q, index) => q?.Id is { Length: > 0 } id ? id : "q" + (index + 1).ToString(CultureInfo.InvariantCulture))
            .Distinct(StringComparer.Ordinal)];
    }
}
