namespace ImeBridge.Core.Rules;

/// <summary>ICD-10-CM code matching on the dotless, upper-case form: prefix <c>S06</c> or range <c>M50-M54</c>.</summary>
public static class Icd10Pattern
{
    public static string Normalize(string? code) =>
        string.Concat((code ?? "").Where(c => c != '.' && !char.IsWhiteSpace(c))).ToUpperInvariant();

    public static bool IsValid(string pattern)
    {
        var parts = pattern.Split('-');
        return parts.Length switch
        {
            1 => IsCodePrefix(Normalize(parts[0])),
            2 => IsCodePrefix(Normalize(parts[0])) && Normalize(parts[0]).Length == Normalize(parts[1]).Length
                && IsCodePrefix(Normalize(parts[1])) && string.CompareOrdinal(Normalize(parts[0]), Normalize(parts[1])) <= 0,
            _ => false,
        };
    }

    public static bool Matches(string pattern, string code)
    {
        var normalized = Normalize(code);
        var dash = pattern.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return normalized.StartsWith(Normalize(pattern), StringComparison.Ordinal);
        }

        var low = Normalize(pattern[..dash]);
        var high = Normalize(pattern[(dash + 1)..]);
        if (normalized.Length < low.Length)
        {
            return false;
        }

        var head = normalized[..low.Length];
        return string.CompareOrdinal(head, low) >= 0 && string.CompareOrdinal(head, high) <= 0;
    }

    private static bool IsCodePrefix(string value) =>
        value.Length is >= 1 and <= 7 && char.IsAsciiLetterUpper(value[0]) && value.All(char.IsAsciiLetterOrDigit);
}
