namespace ImeBridge.Core.Rules;

internal static class JurisdictionTableValidator
{
    private const string Table = "jurisdictions";

    public static void Validate(JurisdictionTable table)
    {
        Validate(table.Default, "default", expectDefault: true);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in table.States)
        {
            Validate(rule, rule.State, expectDefault: false);
            RuleChecks.Require(seen.Add(rule.State), Table, rule.State, "appears twice");
        }
    }

    private static void Validate(JurisdictionRule rule, string where, bool expectDefault)
    {
        RuleChecks.Require(
            expectDefault ? rule.State == "*" : RuleChecks.IsStateCode(rule.State),
            Table,
            where,
            expectDefault ? "the default's state must be *" : "state must be a two-letter upper-case code");
        RuleChecks.Part(rule.Notice, Table, $"{where}.notice");
        RuleChecks.Require(rule.Notice.Days > 0, Table, $"{where}.notice", "days must be positive");
        RuleChecks.Part(rule.Report, Table, $"{where}.report");
        RuleChecks.Require(rule.Report.Days > 0, Table, $"{where}.report", "days must be positive");
        RuleChecks.Part(rule.Recipients, Table, $"{where}.recipients");
        RuleChecks.Require(rule.Recipients.Roles.Count > 0, Table, $"{where}.recipients", "lists no roles");
        RuleChecks.Require(
            rule.Recipients.Roles.Distinct().Count() == rule.Recipients.Roles.Count, Table, $"{where}.recipients", "repeats a role");
        if (rule.ExamLimit is { } limit)
        {
            RuleChecks.Part(limit, Table, $"{where}.examLimit");
            RuleChecks.Require(limit.MaxExams > 0, Table, $"{where}.examLimit", "maxExams must be positive");
            RuleChecks.Require(!string.IsNullOrWhiteSpace(limit.Per), Table, $"{where}.examLimit", "per is blank");
        }

        if (expectDefault)
        {
            RuleChecks.Require(rule.Parts.All(part => part.HouseDefault), Table, where, "every part of the default must be a house default");
        }
    }
}
