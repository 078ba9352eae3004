namespace ImeBridge.Core.Rules;

/// <summary>
/// Injury → specialty. ICD-10-CM patterns are prefixes (<c>S06</c>, <c>F07.81</c>) or ranges over equal-length
/// prefixes (<c>M50-M54</c>); body parts and keywords match whole words, case-insensitively.
/// </summary>
public sealed record SpecialtyRule
{
    private readonly IReadOnlyList<string> icd10 = [];
    private readonly IReadOnlyList<string> bodyParts = [];
    private readonly IReadOnlyList<string> keywords = [];

    public required string Id { get; init; }

    /// <summary>The <see cref="Specialty.Key"/> this rule asks for.</summary>
    public required string Specialty { get; init; }

    // The JSON source generator passes null for an init-only list missing from the file, so coalesce here.
    public IReadOnlyList<string> Icd10 { get => icd10; init => icd10 = value ?? []; }

    public IReadOnlyList<string> BodyParts { get => bodyParts; init => bodyParts = value ?? []; }

    public IReadOnlyList<string> Keywords { get => keywords; init => keywords = value ?? []; }

    public required RuleCitation Citation { get; init; }
}
