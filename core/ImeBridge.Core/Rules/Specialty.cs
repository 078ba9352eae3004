namespace ImeBridge.Core.Rules;

/// <summary>A requested examiner specialty: our key, the NUCC Health Care Provider Taxonomy code and its readable name.</summary>
public sealed record Specialty
{
    public required string Key { get; init; }
    public required string NuccCode { get; init; }
    public required string Name { get; init; }
}
