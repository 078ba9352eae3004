using ImeBridge.Core.Rules;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// The claimant notice rule of a referral's jurisdiction (<see cref="JurisdictionRules"/>), named for the timeline:
/// <c>ny-notice</c> for New York's, <c>default-notice</c> for the house default of a state without an entry.
/// </summary>
public sealed record NoticeRule(string? Jurisdiction, string Id, string Citation, string Description)
{
    public static NoticeRule For(string? jurisdiction)
    {
        var rule = JurisdictionRules.Embedded.For(jurisdiction);
        var notice = rule.Notice;
        var who = rule.IsDefault ? "house default" : rule.State;
        var unit = notice.Count == DayCount.Business ? "business" : "calendar";
        return new NoticeRule(
            jurisdiction,
            (rule.IsDefault ? "default" : rule.State.ToLowerInvariant()) + "-notice",
            notice.Citation.Source,
            $"{who} {notice.Days} {unit} days");
    }

    /// <summary>
    /// The first local date an exam at an office in <paramref name="timeZone"/> may have when the notice goes out
    /// <paramref name="now"/>: the days are counted from the office's local date, not the UTC one.
    /// </summary>
    public DateOnly EarliestExamDate(DateTimeOffset now, string timeZone) =>
        JurisdictionRules.Embedded.EarliestExamDate(Jurisdiction, OfficeTime.LocalDate(now, timeZone));
}
