namespace ImeBridge.Core.Rules;

/// <summary>The file shape of <c>jurisdictions.json</c>.</summary>
public sealed record JurisdictionTable
{
    public required string Table { get; init; }
    public required string Scope { get; init; }
    public required JurisdictionRule Default { get; init; }
    public required IReadOnlyList<JurisdictionRule> States { get; init; }
}
