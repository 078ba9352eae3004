using System.Globalization;

namespace ImeBridge.Core.Experts;

/// <summary>Checks every row of a file and the rules across rows (one NPI, one expert id per file).</summary>
internal static class ExpertRowsChecker
{
    public static CheckedRows Check(string file, IReadOnlyList<DraftRow> rows, ExpertFieldNames names)
    {
        var good = new List<(long Row, Expert Expert)>();
        var errors = new List<ExpertImportError>();
        var firstRowOfNpi = new Dictionary<string, long>(StringComparer.Ordinal);
        var firstRowOfId = new Dictionary<string, long>(StringComparer.Ordinal);
        var rejected = 0;
        foreach (var (row, draft, rowErrors) in rows)
        {
            var expert = draft is null ? null : ExpertDraftChecker.Check(draft, names, rowErrors);
            if (draft?.Npi is { } npi && !firstRowOfNpi.TryAdd(npi, row))
            {
                rowErrors.Add(names.Field("npi"), $"is the same NPI as row {Row(firstRowOfNpi[npi])}; an expert appears once per file");
            }

            var id = draft?.ExpertId ?? (draft?.Npi is { } n ? ExpertIds.FromNpi(n) : null);
            if (id is not null && !firstRowOfId.TryAdd(id, row) && draft!.ExpertId is not null)
            {
                rowErrors.Add(names.Field("expertId"), $"is the same expert id as row {Row(firstRowOfId[id])}");
            }

            if (rowErrors.Count > 0 || expert is null)
            {
                rejected++;
                errors.AddRange(rowErrors.For(file, row));
            }
            else
            {
                good.Add((row, expert));
            }
        }

        return new CheckedRows(good, errors, rows.Count, rejected);
    }

    private static string Row(long row) => row.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The experts of a file's good rows (with their row numbers), and the errors of the others.</summary>
internal sealed record CheckedRows(List<(long Row, Expert Expert)> Good, List<ExpertImportError> Errors, int RowCount, int RejectedRows)
{
    public ExpertFileRead ToFileRead() => new([.. Good.Select(g => g.Expert)], Errors, RowCount, RejectedRows);
}
