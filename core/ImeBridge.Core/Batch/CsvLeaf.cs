using System.Collections.Frozen;

namespace ImeBridge.Core.Batch;

/// <summary>One canonical value field of a CSV layout: where its value comes from and how it is turned canonical.</summary>
internal sealed class CsvLeaf(string path, CanonicalField field)
{
    /// <summary>The concrete path, as errors name it: <c>claimant.dateOfBirth</c>, <c>parties[0].role</c>.</summary>
    public string Path { get; } = path;

    public CanonicalField Field { get; } = field;

    /// <summary>The 0-based column the value is read from; -1 when only a default fills it.</summary>
    public int Column { get; set; } = -1;

    /// <summary>Whether <see cref="Column"/> was chosen by the layout (rather than a canonical header).</summary>
    public bool ColumnFromLayout { get; set; }

    /// <summary>The canonical value used when the record has none.</summary>
    public string? Default { get; set; }

    /// <summary>Partner value → canonical value; null when the layout maps no values for this field.</summary>
    public FrozenDictionary<string, string>? ValueMap { get; set; }

    /// <summary>Date formats to parse the partner's dates with; null when dates must already be <c>YYYY-MM-DD</c>.</summary>
    public string[]? DateFormats { get; set; }
}
