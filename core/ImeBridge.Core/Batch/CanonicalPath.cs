using System.Globalization;
using System.Text;

namespace ImeBridge.Core.Batch;

/// <summary>A dotted path as a CSV header or a layout names it: <c>claimant.address.city</c>, <c>parties[0].role</c>.</summary>
internal sealed class CanonicalPath
{
    /// <summary>Array positions a path may name: enough for any referral, small enough to keep a row bounded.</summary>
    public const int MaxIndex = 99;

    private CanonicalPath(IReadOnlyList<PathSegment> segments)
    {
        Segments = segments;
        Pattern = string.Join('.', segments.Select(s => s.Index is null ? s.Name : s.Name + "[]"));
    }

    public IReadOnlyList<PathSegment> Segments { get; }

    /// <summary>The path with its array positions blanked: <c>parties[].role</c>.</summary>
    public string Pattern { get; }

    /// <summary>Parses a path of identifiers joined by dots, each optionally followed by <c>[n]</c>; null when it is not one.</summary>
    public static CanonicalPath? TryParse(string text)
    {
        var segments = new List<PathSegment>();
        foreach (var part in text.Trim().Split('.'))
        {
            if (ParseSegment(part) is not { } segment)
            {
                return null;
            }

            segments.Add(segment);
        }

        return new CanonicalPath(segments);
    }

    /// <summary>This path spelled as the schema spells <paramref name="field"/> (<c>Claimant.LastName</c> → <c>claimant.lastName</c>).</summary>
    public string SpelledAs(CanonicalField field)
    {
        var names = field.Pattern.Split('.');
        var spelled = new StringBuilder();
        for (var i = 0; i < Segments.Count; i++)
        {
            if (i > 0)
            {
                spelled.Append('.');
            }

            var name = names[i].EndsWith("[]", StringComparison.Ordinal) ? names[i][..^2] : names[i];
            spelled.Append(name);
            if (Segments[i].Index is { } index)
            {
                spelled.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }

        return spelled.ToString();
    }

    private static PathSegment? ParseSegment(string part)
    {
        var name = part;
        int? index = null;
        var open = part.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0)
        {
            if (!part.EndsWith(']')
                || !int.TryParse(part.AsSpan(open + 1, part.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                || position > MaxIndex)
            {
                return null;
            }

            name = part[..open];
            index = position;
        }

        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return null;
        }

        return new PathSegment(name, index);
    }
}

/// <summary>One step of a <see cref="CanonicalPath"/>: a property name, and a position when the property is an array.</summary>
internal readonly record struct PathSegment(string Name, int? Index);
