namespace ImeBridge.Core.Rules;

/// <summary>Who must receive the report and whether they must all receive it on the same day.</summary>
public sealed record RecipientRule : RulePart
{
    public required IReadOnlyList<ReportRecipient> Roles { get; init; }
    public bool SameDay { get; init; }
}
