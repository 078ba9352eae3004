namespace ImeBridge.Core.Rules;

/// <summary>The file shape of <c>specialties.json</c>. Rules are tried in file order, so specific rules come first.</summary>
public sealed record SpecialtyTable
{
    public required string Table { get; init; }
    public required IReadOnlyList<Specialty> Specialties { get; init; }
    public required IReadOnlyList<SpecialtyRule> Rules { get; init; }
}
