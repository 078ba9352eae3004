namespace ImeBridge.Core.Rules;

/// <summary>Checks every table shares: each entry cited, house defaults never claimed as verified.</summary>
internal static class RuleChecks
{
    public static void Require(bool condition, string table, string where, string problem)
    {
        if (!condition)
        {
            throw new RuleTableException($"{table}: {where}: {problem}");
        }
    }

    public static void Cited(RuleCitation? citation, string table, string where)
    {
        Require(citation is not null, table, where, "has no citation");
        Require(!string.IsNullOrWhiteSpace(citation!.Source), table, where, "citation has no source");
        Require(!string.IsNullOrWhiteSpace(citation.Note), table, where, "citation has no note");
    }

    public static void Part(RulePart? part, string table, string where)
    {
        Require(part is not null, table, where, "is missing");
        Cited(part!.Citation, table, where);
        Require(!(part.HouseDefault && part.Verified), table, where, "a house default cannot be verified");
    }

    public static string StateCode(string? state) => (state ?? "").Trim().ToUpperInvariant();

    public static bool IsStateCode(string state) => state.Length == 2 && state.All(char.IsAsciiLetterUpper);
}
