namespace ImeBridge.Core.Validation;

/// <summary>Puts a BCP-47 tag in its usual case: <c>EN_us</c> → <c>en-US</c>, <c>zh-hant-tw</c> → <c>zh-Hant-TW</c>.</summary>
internal static class LanguageTags
{
    public static string Normalize(string tag)
    {
        var parts = tag.Replace('_', '-').Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            parts[i] = i == 0 ? Ascii.Lower(part)
                : part.Length == 4 ? string.Concat(part[..1].ToUpperInvariant(), Ascii.Lower(part[1..]))
                : part.Length == 2 ? part.ToUpperInvariant()
                : part;
        }

        return string.Join('-', parts);
    }
}
