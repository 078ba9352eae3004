namespace ImeBridge.Core.Rules;

internal static class SpecialtyTableValidator
{
    private const string Table = "specialties";

    public static void Validate(SpecialtyTable table)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var specialty in table.Specialties)
        {
            RuleChecks.Require(keys.Add(specialty.Key), Table, specialty.Key, "specialty key appears twice");
            RuleChecks.Require(IsNuccCode(specialty.NuccCode), Table, specialty.Key, $"'{specialty.NuccCode}' is not a NUCC taxonomy code");
            RuleChecks.Require(!string.IsNullOrWhiteSpace(specialty.Name), Table, specialty.Key, "has no name");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in table.Rules)
        {
            RuleChecks.Require(ids.Add(rule.Id), Table, rule.Id, "rule id appears twice");
            RuleChecks.Require(keys.Contains(rule.Specialty), Table, rule.Id, $"unknown specialty '{rule.Specialty}'");
            RuleChecks.Require(rule.Icd10.Count + rule.BodyParts.Count + rule.Keywords.Count > 0, Table, rule.Id, "matches nothing");
            foreach (var pattern in rule.Icd10)
            {
                RuleChecks.Require(Icd10Pattern.IsValid(pattern), Table, rule.Id, $"'{pattern}' is not an ICD-10-CM prefix or range");
            }

            RuleChecks.Require(rule.BodyParts.Concat(rule.Keywords).All(term => !string.IsNullOrWhiteSpace(term)), Table, rule.Id, "has a blank term");
            RuleChecks.Cited(rule.Citation, Table, rule.Id);
        }
    }

    // Ten characters: three digits, six letters or digits, and a final X (e.g. 207X00000X).
    private static bool IsNuccCode(string code) =>
        code.Length == 10 && code[..3].All(char.IsAsciiDigit) && code.All(char.IsAsciiLetterOrDigit)
        && code.All(c => !char.IsAsciiLetterLower(c)) && code[^1] == 'X';
}
