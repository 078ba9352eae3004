namespace ImeBridge.Adapters.Email.Forms;

/// <summary>
/// Plain text to the lines the form reader reads: quoting (<c>&gt; </c>) is removed so a quoted or inline-forwarded
/// form still reads, non-breaking spaces become spaces, and reading stops at a signature separator (<c>-- </c>).
/// </summary>
internal static class PlainFormText
{
    public static IReadOnlyList<string> Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (raw is "-- " or "--")
            {
                break;
            }

            lines.Add(Unquote(raw).Replace('\u00a0', ' ').Trim());
        }

        return lines;
    }

    private static string Unquote(string line)
    {
        var start = 0;
        while (start < line.Length && (line[start] == '>' || (line[start] == ' ' && start + 1 < line.Length && line[start + 1] == '>')))
        {
            start++;
        }

        return line[start..];
    }
}
