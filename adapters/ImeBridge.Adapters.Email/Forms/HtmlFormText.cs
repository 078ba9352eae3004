using System.Text;
using MimeKit.Text;

namespace ImeBridge.Adapters.Email.Forms;

/// <summary>
/// HTML to the lines the form reader reads: block elements break lines, the cells of a table row are separated by
/// tabs (so a label cell and its value cell read as "label TAB value"), ordered list items are numbered and
/// unordered ones get a dash. Scripts, styles and the head are skipped.
/// </summary>
internal sealed class HtmlFormText
{
    private static readonly HashSet<string> Breaking = new(
        ["p", "div", "br", "tr", "table", "tbody", "thead", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "section", "article", "header", "footer", "pre", "dt", "dl", "address", "center", "form", "fieldset"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> Skipped = new(["script", "style", "head", "title"], StringComparer.OrdinalIgnoreCase);

    private readonly StringBuilder text = new();
    private readonly Stack<int> lists = new();
    private int skipping;
    private int cellsInRow;

    // Just after "1. ": a <p> inside the <li> must not push the item's text onto the next line.
    private bool itemOpened;

    private HtmlFormText()
    {
    }

    public static IReadOnlyList<string> Lines(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var converter = new HtmlFormText();
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            converter.Take(token);
        }

        return converter.text.ToString().Split('\n').Select(line => line.Trim(' ')).ToList();
    }

    private void Take(HtmlToken token)
    {
        switch (token)
        {
            case HtmlTagToken { Name: var name } when name.Equals("body", StringComparison.OrdinalIgnoreCase):
                // A head left open ends here.
                skipping = 0;
                break;
            case HtmlTagToken tag when Skipped.Contains(tag.Name):
                if (!tag.IsEmptyElement)
                {
                    skipping = Math.Max(0, skipping + (tag.IsEndTag ? -1 : 1));
                }

                break;
            case HtmlTagToken tag:
                OnTag(tag);
                break;
            case HtmlDataToken data when skipping == 0:
                AppendCollapsed(data.Data);
                break;
        }
    }

    private void OnTag(HtmlTagToken tag)
    {
        var name = tag.Name.ToLowerInvariant();
        switch (name)
        {
            case "tr":
                cellsInRow = 0;
                Break();
                return;
            case "td" or "th" when !tag.IsEndTag:
                if (cellsInRow++ > 0)
                {
                    text.Append('\t');
                }

                return;
            case "dd" when !tag.IsEndTag:
                text.Append('\t');
                return;
            case "ol" or "ul":
                if (tag.IsEndTag)
                {
                    lists.TryPop(out _);
                }
                else if (!tag.IsEmptyElement)
                {
                    lists.Push(name == "ol" ? 0 : -1);
                }

                Break();
                return;
            case "li" when !tag.IsEndTag:
                Break();
                if (lists.TryPop(out var counter))
                {
                    text.Append(counter < 0 ? "- " : $"{counter + 1}. ");
                    lists.Push(counter < 0 ? counter : counter + 1);
                    itemOpened = true;
                }

                return;
            default:
                if (Breaking.Contains(name) && !itemOpened)
                {
                    Break();
                }

                return;
        }
    }

    private void Break()
    {
        itemOpened = false;
        text.Append('\n');
    }

    /// <summary>HTML white space collapses to one space; non-breaking spaces count as spaces.</summary>
    private void AppendCollapsed(string data)
    {
        foreach (var c in data)
        {
            var ch = c is '\u00a0' or '\r' or '\n' or '\t' or '\f' ? ' ' : c;
            if (ch == ' ' && (text.Length == 0 || text[^1] is ' ' or '\n' or '\t'))
            {
                continue;
            }

            itemOpened &= ch == ' ';
            text.Append(ch);
        }
    }
}
