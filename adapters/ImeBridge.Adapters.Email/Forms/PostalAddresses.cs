using System.Text.RegularExpressions;

namespace ImeBridge.Adapters.Email.Forms;

/// <summary>
/// Splits a one-line US address ("418 Delaware Avenue, Apt 3B, Albany, NY 12209", "… Albany, New York 12209")
/// into line1, line2, city, state and ZIP. What cannot be split stays in line1.
/// </summary>
internal static partial class PostalAddresses
{
    public static (string Line1, string? Line2, string? City, string? State, string? PostalCode) Split(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var text = written.Trim().TrimEnd(',', '.').Trim();
        var tail = HeadAndZip().Match(text);
        if (!tail.Success)
        {
            return (text, null, null, null, null);
        }

        var words = tail.Groups["head"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var take = 1; take <= Math.Min(3, words.Length - 1); take++)
        {
            var candidate = string.Join(' ', words[^take..]).Trim(',', '.');
            if (FormVocabulary.StateCode(candidate) is { } state)
            {
                var rest = string.Join(' ', words[..^take]);
                return WithState(rest, state, tail.Groups["zip"].Value);
            }
        }

        return (text, null, null, null, null);
    }

    private static (string, string?, string?, string?, string?) WithState(string rest, string state, string zip)
    {
        var parts = rest.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => (rest, null, null, state, zip),
            1 => (parts[0], null, null, state, zip),
            2 => (parts[0], null, parts[1], state, zip),
            _ => (parts[0], string.Join(", ", parts[1..^1]), parts[^1], state, zip),
        };
    }

    [GeneratedRegex(@"^(?<head>.*?)[,\s]+(?<zip>\d{5}(?:-\d{4})?)$")]
    private static partial Regex HeadAndZip();
}
