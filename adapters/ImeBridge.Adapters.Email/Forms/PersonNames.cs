namespace ImeBridge.Adapters.Email.Forms;

/// <summary>Splits a written name into first, middle and last: "Daniel R. Okonkwo-Whitfield", "OKONKWO-WHITFIELD, Daniel R.", "Mr. Dan Smith Jr.".</summary>
internal static class PersonNames
{
    private static readonly HashSet<string> Titles = new(["mr", "mrs", "ms", "miss", "mx", "dr"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Suffixes = new(["jr", "sr", "ii", "iii", "iv", "v"], StringComparer.OrdinalIgnoreCase);

    public static (string? First, string? Middle, string? Last) Split(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var comma = written.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            var afterComma = Words(written[(comma + 1)..]);
            if (afterComma.Count > 0 && !Suffixes.Contains(afterComma[0].TrimEnd('.')))
            {
                // "Last, First Middle"
                var last = string.Join(' ', Words(written[..comma]));
                return (afterComma[0], Join(afterComma.Skip(1)), last.Length > 0 ? last : null);
            }
        }

        var words = Words(written.Replace(",", " ", StringComparison.Ordinal));
        if (words.Count > 1 && Titles.Contains(words[0].TrimEnd('.')))
        {
            words.RemoveAt(0);
        }

        var suffix = words.Count > 2 && Suffixes.Contains(words[^1].TrimEnd('.')) ? words[^1] : null;
        if (suffix is not null)
        {
            words.RemoveAt(words.Count - 1);
        }

        return words.Count switch
        {
            0 => (null, null, null),
            1 => (words[0], null, null),
            _ => (words[0], Join(words.Skip(1).Take(words.Count - 2)), suffix is null ? words[^1] : $"{words[^1]} {suffix}"),
        };
    }

    private static List<string> Words(string text) => [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? Join(IEnumerable<string> words)
    {
        var joined = string.Join(' ', words);
        return joined.Length > 0 ? joined : null;
    }
}
