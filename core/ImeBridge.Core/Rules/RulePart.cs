namespace ImeBridge.Core.Rules;

/// <summary>
/// One cited piece of a rule. <see cref="Verified"/> means the figure was read in a copy of the cited text when
/// the table was written; false means it is our best understanding and the citation note says what to check.
/// A <see cref="HouseDefault"/> is our own figure where the law sets none, so it is never verified.
/// </summary>
public abstract record RulePart
{
    public required RuleCitation Citation { get; init; }
    public required bool Verified { get; init; }
    public bool HouseDefault { get; init; }
}
