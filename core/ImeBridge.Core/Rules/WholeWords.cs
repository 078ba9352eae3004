namespace ImeBridge.Core.Rules;

/// <summary>Case-insensitive phrase search that respects word edges, so "ear" does not match "year".</summary>
internal static class WholeWords
{
    public static bool Contains(string? text, string phrase)
    {
        if (string.IsNullOrWhiteSpace(text) || string.IsNullOrWhiteSpace(phrase))
        {
            return false;
        }

        var start = 0;
        while ((start = text.IndexOf(phrase, start, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = start + phrase.Length;
            var leftEdge = start == 0 || !char.IsLetterOrDigit(text[start - 1]);
            var rightEdge = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (leftEdge && rightEdge)
            {
                return true;
            }

            start++;
        }

        return false;
    }
}
