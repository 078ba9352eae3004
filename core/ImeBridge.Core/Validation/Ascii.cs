namespace ImeBridge.Core.Validation;

internal static class Ascii
{
    /// <summary>Lower-cases ASCII letters only (codes, tags and digests are ASCII).</summary>
    public static string Lower(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
            }
        });
}
