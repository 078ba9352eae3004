namespace ImeBridge.Core.Rules;

/// <summary>What an injury matched on, strongest first.</summary>
public enum SpecialtyEvidence
{
    Icd10Code,
    BodyPart,
    Keyword,
}

/// <summary>The chosen specialty and why: the rule, the kind of evidence, the input value and the pattern it matched.</summary>
public sealed record SpecialtyMatch(Specialty Specialty, SpecialtyRule Rule, SpecialtyEvidence Evidence, string Input, string Pattern)
{
    public string Explanation => $"{Evidence} '{Input}' matched '{Pattern}' in rule '{Rule.Id}' ({Rule.Citation.Source})";
}
