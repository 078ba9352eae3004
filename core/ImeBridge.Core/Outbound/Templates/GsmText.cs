using System.Collections.Frozen;
using System.Text;

namespace ImeBridge.Core.Outbound.Templates;

/// <summary>
/// Keeps an SMS in GSM-7 by writing the few common letters GSM-7 lacks without their accent (á → a, í → i, ó → o,
/// ú → u) and typographic punctuation plainly. One such letter would switch the whole text to UCS-2 and cut a segment
/// from 153 to 67 characters — a Spanish notice would need five segments instead of two. Spanish reads clearly
/// without those accents; é, ñ, ü, ¿ and ¡ are GSM-7 and stay.
/// </summary>
public static class GsmText
{
    private static readonly FrozenDictionary<char, string> Replacements = new Dictionary<char, string>
    {
        ['á'] = "a", ['í'] = "i", ['ó'] = "o", ['ú'] = "u",
        ['Á'] = "A", ['Í'] = "I", ['Ó'] = "O", ['Ú'] = "U",
        ['â'] = "a", ['ê'] = "e", ['î'] = "i", ['ô'] = "o", ['û'] = "u", ['ç'] = "c", ['ï'] = "i", ['ë'] = "e",
        ['‘'] = "'", ['’'] = "'", ['“'] = "\"", ['”'] = "\"", ['–'] = "-", ['—'] = "-", ['…'] = "...", ['\u00A0'] = " ",
    }.ToFrozenDictionary();

    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(Replacements.TryGetValue(c, out var plain) ? plain : c.ToString());
        }

        return builder.ToString();
    }
}
