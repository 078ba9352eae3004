using System.Globalization;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// What <see cref="SlotFinder"/> found: the slots that qualify, earliest first, and how many of the expert's slots
/// fell out for each reason, so an escalation can say why none qualified.
/// </summary>
public sealed record SlotSearch(IReadOnlyList<SlotOption> Options, IReadOnlyDictionary<string, int> Excluded, int SlotCount)
{
    public const string UnknownOffice = "at an office the expert does not list";
    public const string BeforeNotice = "too soon for the notice period";
    public const string AfterDue = "after the due date";
    public const string Taken = "taken by another referral";
    public const string FullDay = "on a day the expert is fully booked";
    public const string EarlierAppointment = "an earlier appointment of this referral";

    /// <summary>"5 slots: 2 too soon for the notice period, 1 after the due date" (counts only, no PHI).</summary>
    public string Summary()
    {
        var reasons = Excluded.Where(r => r.Value > 0).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value} {r.Key}"));
        var slots = string.Create(CultureInfo.InvariantCulture, $"{SlotCount} open slot{(SlotCount == 1 ? string.Empty : "s")}");
        return Excluded.Values.Any(v => v > 0) ? $"{slots}: {string.Join(", ", reasons)}" : slots;
    }
}
