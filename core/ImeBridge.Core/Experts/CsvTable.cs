using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;

namespace ImeBridge.Core.Experts;

/// <summary>
/// Reads a small RFC 4180 CSV with a header into rows of cells keyed by canonical column name. Header problems
/// (unknown, repeated or missing columns) are file errors; a row with more cells than the header or a broken
/// quote is a row error. No message quotes a cell.
/// </summary>
internal static class CsvTable
{
    private const int MaxRecordBytes = 1 << 20;

    public static async IAsyncEnumerable<CsvTableRow> ReadAsync(
        Stream content,
        string file,
        Func<string, string?> canonical,
        IReadOnlyList<string> required,
        List<ExpertImportError> fileErrors,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var malformed = new HashSet<long>();
        var options = CsvReaderOptions.Default with
        {
            MaxRecordSize = MaxRecordBytes,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = record => malformed.Add(record.RecordNumber),
        };
        await using var reader = CsvReader.Create(content, options, leaveOpen: true);
        if (!await Guard(reader.ReadHeaderAsync(cancellationToken), file, fileErrors) || reader.Headers.Count == 0)
        {
            fileErrors.Add(new ExpertImportError(file, null, "", fileErrors.Count > 0 ? "cannot be read as CSV" : "is empty: an experts CSV starts with a header row"));
            yield break;
        }

        var columns = Columns(reader.Headers, file, canonical, required, fileErrors);
        if (fileErrors.Count > 0)
        {
            yield break;
        }

        var row = 0L;
        while (await reader.ReadAsync(cancellationToken))
        {
            row++;
            var errors = new RowErrors();
            var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var text = reader.GetString(i).Trim();
                if (i >= columns.Count)
                {
                    if (text.Length > 0)
                    {
                        errors.Add("", "has more cells than the header has columns");
                        break;
                    }

                    continue;
                }

                cells[columns[i]] = text.Length == 0 ? null : text;
            }

            if (malformed.Remove(row + 1))
            {
                errors.Add("", "is malformed CSV (a quote is not closed properly)");
            }

            if (cells.Values.All(v => v is null) && errors.Count == 0)
            {
                continue;
            }

            yield return new CsvTableRow(row, new CsvCells(cells, errors), errors);
        }
    }

    private static List<string> Columns(IReadOnlyList<string> headers, string file, Func<string, string?> canonical, IReadOnlyList<string> required, List<ExpertImportError> fileErrors)
    {
        var columns = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var position = (i + 1).ToString(CultureInfo.InvariantCulture);
            var name = canonical(headers[i]);
            if (name is null)
            {
                var header = headers[i].Trim();
                fileErrors.Add(new ExpertImportError(file, null, header.Length == 0 ? $"column {position}" : header, "is not a known column (see docs/experts.md)"));
            }
            else if (columns.Contains(name))
            {
                fileErrors.Add(new ExpertImportError(file, null, name, "appears twice in the header"));
            }

            columns.Add(name ?? "");
        }

        foreach (var missing in required.Where(r => !columns.Contains(r)))
        {
            fileErrors.Add(new ExpertImportError(file, null, missing, "is a required column and is missing from the header"));
        }

        return columns;
    }

    private static async ValueTask<bool> Guard(ValueTask reading, string file, List<ExpertImportError> fileErrors)
    {
        try
        {
            await reading;
            return true;
        }
        catch (CsvFormatException)
        {
            fileErrors.Add(new ExpertImportError(file, null, "", "has a header row that is not valid CSV"));
            return false;
        }
    }
}

/// <summary>One data row of a <see cref="CsvTable"/>: 1-based (the header is not counted), its cells and its errors so far.</summary>
internal sealed record CsvTableRow(long Row, CsvCells Cells, RowErrors Errors);
