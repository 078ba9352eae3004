using System.Text.RegularExpressions;

namespace ImeBridge.Adapters.Email.Forms;

/// <summary>
/// Reads the labelled referral form out of text lines (<see cref="PlainFormText"/>, <see cref="HtmlFormText"/>).
/// A line holds one or more "label: value" pairs, separated by tabs (table cells) or runs of three or more spaces;
/// a label alone in a cell takes the next cell as its value; a label with a colon and nothing after it takes the
/// next line. The first value of each field wins. <c>Questions</c> takes the numbered list that follows it.
/// </summary>
internal static partial class LabelledFormReader
{
    private const int MaxIntroLines = 2;

    public static LabelledForm Read(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var form = new LabelledForm();
        for (var i = 0; i < lines.Count; i++)
        {
            i = ReadLine(lines, i, form);
        }

        return form;
    }

    /// <summary>Reads the pairs of line <paramref name="index"/>; returns the last line used (a value or a list may continue below).</summary>
    private static int ReadLine(IReadOnlyList<string> lines, int index, LabelledForm form)
    {
        var segments = Segments(lines[index]);
        for (var j = 0; j < segments.Count; j++)
        {
            if (!FormLabels.TryMatch(segments[j], out var label))
            {
                continue;
            }

            if (label.Field == FormField.Questions)
            {
                var inline = string.Join(' ', [label.Value, .. segments.Skip(j + 1)]).Trim();
                if (!label.Colon && inline.Length > 0 && !QuestionItem().IsMatch(inline))
                {
                    continue;
                }

                return ReadQuestions(lines, index, inline, form);
            }

            var value = label.Value;
            var explicitValue = label.Colon;
            if (value.Length == 0 && j + 1 < segments.Count && !FormLabels.IsLabelCell(segments[j + 1], out _))
            {
                value = segments[++j];
                explicitValue = true;
            }
            else if (value.Length == 0 && label.Colon && j == segments.Count - 1)
            {
                (value, index) = ValueBelow(lines, index, label.Field);
            }

            Record(form, label, value, explicitValue);
        }

        return index;
    }

    private static void Record(LabelledForm form, LabelMatch label, string value, bool explicitValue)
    {
        value = value.Trim().Trim('*', '_').Trim();
        if (value.Length == 0
            || form.Values.ContainsKey(label.Field)
            || (label.Generic && !form.Values.ContainsKey(FormField.ClaimantName))
            || (!explicitValue && !FormValueShapes.Fits(label.Field, value)))
        {
            return;
        }

        form.Values[label.Field] = value;
    }

    /// <summary>"Label:" alone on its line: the value is the next non-blank line, or for an address the lines up to a blank one.</summary>
    private static (string Value, int LastLine) ValueBelow(IReadOnlyList<string> lines, int index, FormField field)
    {
        var parts = new List<string>();
        var last = index;
        for (var k = index + 1; k < lines.Count && parts.Count < (field == FormField.Address ? 3 : 1); k++)
        {
            var line = StripMarkup(lines[k]);
            if (line.Length == 0)
            {
                if (parts.Count > 0)
                {
                    break;
                }

                continue;
            }

            if (FormLabels.TryMatch(WithoutBullet(line), out _))
            {
                break;
            }

            parts.Add(line);
            last = k;
        }

        return (string.Join(", ", parts), last);
    }

    private static int ReadQuestions(IReadOnlyList<string> lines, int index, string inline, LabelledForm form)
    {
        if (inline.Length > 0)
        {
            AddInlineQuestions(inline, form);
        }

        var last = index;
        var blank = false;
        var intro = 0;
        for (var k = index + 1; k < lines.Count; k++)
        {
            var line = StripMarkup(lines[k]);
            if (line.Length == 0)
            {
                blank = form.Questions.Count > 0;
                continue;
            }

            var item = QuestionItem().Match(line);
            if (item.Success)
            {
                AddQuestion(form, item);
                blank = false;
                last = k;
                continue;
            }

            if (FormLabels.TryMatch(WithoutBullet(line), out var label) && (label.Colon || Segments(lines[k]).Count > 1 || FormValueShapes.Fits(label.Field, label.Value)))
            {
                break;
            }

            if (form.Questions.Count == 0)
            {
                // "Please address the following:" before the list.
                if (++intro > MaxIntroLines)
                {
                    break;
                }

                continue;
            }

            if (blank)
            {
                break;
            }

            var previous = form.Questions[^1];
            form.Questions[^1] = previous with { Text = previous.Text + " " + line };
            last = k;
        }

        return last;
    }

    /// <summary>"Questions: 1. Is it work related? 2. Is more therapy needed?" on one line.</summary>
    private static void AddInlineQuestions(string inline, LabelledForm form)
    {
        var starts = InlineItemStart().Matches(inline).Select(m => m.Index).Prepend(0).Distinct().Order().ToList();
        for (var s = 0; s < starts.Count; s++)
        {
            var end = s + 1 < starts.Count ? starts[s + 1] : inline.Length;
            var piece = inline[starts[s]..end].Trim();
            var item = QuestionItem().Match(piece);
            if (item.Success)
            {
                AddQuestion(form, item);
            }
            else if (piece.Length > 0)
            {
                form.Questions.Add(new FormQuestion(null, piece));
            }
        }
    }

    private static void AddQuestion(LabelledForm form, Match item)
    {
        var id = item.Groups["q"].Success ? "Q" + item.Groups["n"].Value : null;
        form.Questions.Add(new FormQuestion(id, item.Groups["text"].Value.Trim()));
    }

    private static List<string> Segments(string line) =>
        [.. SegmentBreak().Split(WithoutBullet(StripMarkup(line))).Select(s => s.Trim()).Where(s => s.Length > 0)];

    /// <summary>Markdown emphasis around a label ("**Claimant:** …").</summary>
    private static string StripMarkup(string line) => line.Replace("**", "", StringComparison.Ordinal).Trim();

    private static string WithoutBullet(string line) => Bullet().Replace(line, "");

    [GeneratedRegex(@"\t|\s{3,}")]
    private static partial Regex SegmentBreak();

    [GeneratedRegex(@"^[-*•·▪◦]\s+")]
    private static partial Regex Bullet();

    // 1. text | 1) text | Q1: text | Q1. text | Question 1: text | - text
    [GeneratedRegex(@"^(?:(?<q>Q(?:uestion)?)\s*(?<n>\d{1,3})\s*[:.)\-]|(?<n>\d{1,3})\s*[.)]|[-*•·▪◦])\s*(?<text>\S.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionItem();

    [GeneratedRegex(@"(?<=\s)(?:Q\s*\d{1,3}\s*[:.)]|\d{1,3}[.)])\s", RegexOptions.IgnoreCase)]
    private static partial Regex InlineItemStart();
}
