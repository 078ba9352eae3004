namespace ImeBridge.Core.Rules;

/// <summary>
/// Chooses the examiner specialty for an injury, explainably. ICD-10 codes win over body parts, body parts over
/// words in the description; codes are tried in the order given (the first is taken as the principal diagnosis),
/// and for each piece of evidence the first rule in file order wins.
/// </summary>
public sealed class SpecialtyRules
{
    public const string ResourceName = "ImeBridge.Rules.specialties.json";

    private static readonly Lazy<SpecialtyRules> EmbeddedTable = new(() => Load(RuleResources.Open(ResourceName)));

    private readonly Dictionary<string, Specialty> specialties;

    private SpecialtyRules(SpecialtyTable table)
    {
        specialties = table.Specialties.ToDictionary(specialty => specialty.Key, StringComparer.Ordinal);
        Rules = table.Rules;
    }

    public static SpecialtyRules Embedded => EmbeddedTable.Value;

    public IReadOnlyList<SpecialtyRule> Rules { get; }

    public IReadOnlyCollection<Specialty> Specialties => specialties.Values;

    public static SpecialtyRules Load(Stream json)
    {
        var table = RuleResources.Read(json, RulesJsonContext.Default.SpecialtyTable, "specialties");
        SpecialtyTableValidator.Validate(table);
        return new SpecialtyRules(table);
    }

    public SpecialtyMatch? SpecialtyFor(IReadOnlyList<string> icd10Codes, IReadOnlyList<string> bodyParts, string? injuryDescription)
    {
        ArgumentNullException.ThrowIfNull(icd10Codes);
        ArgumentNullException.ThrowIfNull(bodyParts);
        return FirstMatch(icd10Codes, SpecialtyEvidence.Icd10Code, rule => rule.Icd10, Icd10Pattern.Matches)
            ?? FirstMatch(bodyParts, SpecialtyEvidence.BodyPart, rule => rule.BodyParts, (term, part) => WholeWords.Contains(part, term))
            ?? FirstMatch([injuryDescription ?? ""], SpecialtyEvidence.Keyword, rule => rule.Keywords, (term, text) => WholeWords.Contains(text, term));
    }

    private SpecialtyMatch? FirstMatch(
        IReadOnlyList<string> inputs,
        SpecialtyEvidence evidence,
        Func<SpecialtyRule, IReadOnlyList<string>> patternsOf,
        Func<string, string, bool> matches)
    {
        foreach (var input in inputs.Where(value => !string.IsNullOrWhiteSpace(value)))
        {
            foreach (var rule in Rules)
            {
                var pattern = patternsOf(rule).FirstOrDefault(candidate => matches(candidate, input));
                if (pattern is not null)
                {
                    var shown = evidence == SpecialtyEvidence.Keyword ? pattern : input;
                    return new SpecialtyMatch(specialties[rule.Specialty], rule, evidence, shown, pattern);
                }
            }
        }

        return null;
    }
}
