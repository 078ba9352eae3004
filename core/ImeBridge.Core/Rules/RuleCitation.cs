namespace ImeBridge.Core.Rules;

/// <summary>Where a rule comes from: the statute or regulation, what it says in a sentence, and where the text was read.</summary>
public sealed record RuleCitation
{
    public required string Source { get; init; }
    public required string Note { get; init; }
    public string? Url { get; init; }
}
