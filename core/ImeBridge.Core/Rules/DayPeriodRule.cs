namespace ImeBridge.Core.Rules;

/// <summary>A period such as "at least 7 business days" or "within 30 days", with its citation.</summary>
public sealed record DayPeriodRule : RulePart
{
    public required int Days { get; init; }
    public required DayCount Count { get; init; }
}
