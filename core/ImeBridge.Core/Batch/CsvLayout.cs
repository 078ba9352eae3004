using System.Diagnostics.CodeAnalysis;

namespace ImeBridge.Core.Batch;

/// <summary>
/// How a partner's CSV maps onto the canonical referral, bound from a partner's <c>csv</c> configuration block.
/// Keys of every dictionary are canonical paths (<c>claimant.lastName</c>, <c>parties[0].role</c>). Without a
/// layout, a header row of canonical paths needs no configuration. See docs/csv-batches.md.
/// </summary>
[SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
[SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Bound from configuration.")]
public sealed class CsvLayout
{
    /// <summary>Canonical path → the partner's column header (matched ignoring case and surrounding spaces).
    /// Header columns that are canonical paths themselves are read as such unless mapped here; every other
    /// column is kept under <c>extensions</c> by its header.</summary>
    public Dictionary<string, string> Columns { get; set; } = [];

    /// <summary>Canonical path → (partner value → canonical value). A value missing from a field's map is a
    /// mapping error for that record. Partner values match ignoring case.</summary>
    public Dictionary<string, Dictionary<string, string>> Values { get; set; } = [];

    /// <summary>Canonical path → the canonical value used when the record has none (e.g. <c>request.examType</c>: <c>ime</c>).</summary>
    public Dictionary<string, string> Defaults { get; set; } = [];

    /// <summary>.NET date formats (<c>MM/dd/yyyy</c>) tried in order for every date field; empty: dates must be <c>YYYY-MM-DD</c>.</summary>
    public List<string> DateFormats { get; set; } = [];

    /// <summary>Canonical date path → the formats tried for that field only, in place of <see cref="DateFormats"/>.</summary>
    public Dictionary<string, List<string>> FieldDateFormats { get; set; } = [];

    /// <summary>Cell values that mean "no value" (compared exactly, e.g. <c>NA</c>); an empty cell always does.</summary>
    public List<string> NullMarkers { get; set; } = [];

    /// <summary>The field delimiter, one ASCII character: <c>,</c> unless the partner uses another (<c>;</c>, a tab).</summary>
    public string Delimiter { get; set; } = ",";

    /// <summary>Splits a cell holding a list (<c>request.questions</c>, <c>claim.bodyParts</c>, <c>notes</c>…);
    /// line breaks inside the cell always split too.</summary>
    public string ListSeparator { get; set; } = "|";

    /// <summary>Every problem with this layout, each starting with the key it is about (<c>columns: …</c>,
    /// <c>defaults.request.examType must be …</c>); empty when it is usable. Start-up refuses a partner whose layout has problems.</summary>
    public IReadOnlyList<string> Validate() => CsvLayoutValidator.Problems(this);
}
