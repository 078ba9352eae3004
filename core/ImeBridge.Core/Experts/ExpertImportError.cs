namespace ImeBridge.Core.Experts;

/// <summary>
/// Why an expert file, row or value was refused. Never quotes the value.
/// </summary>
/// <param name="File">The label of the file (what the caller named it, usually its path).</param>
/// <param name="Row">1-based data row (CSV: the header is not counted; JSON: the position in the array); null for the file as a whole.</param>
/// <param name="Column">The CSV column or JSON path (<c>offices[0].timeZone</c>); empty when the whole row or file is meant.</param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record ExpertImportError(string File, long? Row, string Column, string Reason)
{
    /// <summary><c>FILE:ROW: COLUMN: reason</c>, the line the CLI prints (<c>FILE: COLUMN: reason</c> for the whole file).</summary>
    public override string ToString()
    {
        var where = Row is { } row ? $"{File}:{row.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : File;
        return Column.Length == 0 ? $"{where}: {Reason}" : $"{where}: {Column}: {Reason}";
    }
}
