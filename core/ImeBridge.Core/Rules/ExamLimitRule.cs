namespace ImeBridge.Core.Rules;

/// <summary>A statutory cap on how many exams the payer may require, e.g. 3 per opening of the claim.</summary>
public sealed record ExamLimitRule : RulePart
{
    public required int MaxExams { get; init; }

    /// <summary>What the cap counts against, in words: "claim opening", "180 days", "accident", "issue".</summary>
    public required string Per { get; init; }
}
