using System.Globalization;

namespace ImeBridge.Core.Experts;

/// <summary>
/// Reads a slots CSV (<c>npi</c> or <c>expertId</c>, <c>start</c>, <c>durationMinutes</c>, <c>officeId</c>) and adds each
/// slot to the expert it names among the good rows of the experts file. Problems are errors of the slots file.
/// </summary>
internal static class SlotCsvReader
{
    private const string ExpertId = "expertId";
    private const string Npi = "npi";
    private const string Start = "start";
    private const string DurationMinutes = "durationMinutes";
    private const string OfficeId = "officeId";
    private static readonly string[] Columns = [ExpertId, Npi, Start, DurationMinutes, OfficeId];

    public static async Task AttachAsync(
        Stream content,
        string file,
        List<(long Row, Expert Expert)> good,
        IReadOnlyList<DraftRow> expertRows,
        List<ExpertImportError> errors,
        CancellationToken cancellationToken)
    {
        var fileErrors = new List<ExpertImportError>();
        var added = good.Select(g => new List<AvailabilitySlot>()).ToList();
        await foreach (var row in CsvTable.ReadAsync(content, file, Canonical, [Start, DurationMinutes], fileErrors, cancellationToken))
        {
            var slot = new SlotDraft(row.Cells.Text(Start), row.Cells.Integer(DurationMinutes), row.Cells.Text(OfficeId));
            var target = Target(row.Cells, good, expertRows, row.Errors);
            if (target is { } index && row.Errors.Count == 0
                && SlotChecker.Check(slot, good[index].Expert.Offices, column => column, row.Errors) is { } checkedSlot)
            {
                added[index].Add(checkedSlot);
            }

            errors.AddRange(row.Errors.For(file, row.Row));
        }

        errors.AddRange(fileErrors);
        for (var i = 0; i < good.Count; i++)
        {
            if (added[i].Count > 0)
            {
                good[i] = (good[i].Row, good[i].Expert with { AvailabilitySlots = [.. good[i].Expert.AvailabilitySlots, .. added[i]] });
            }
        }
    }

    private static string? Canonical(string header) =>
        Columns.FirstOrDefault(c => string.Equals(c, header.Trim(), StringComparison.OrdinalIgnoreCase));

    private static int? Target(CsvCells cells, List<(long Row, Expert Expert)> good, IReadOnlyList<DraftRow> expertRows, RowErrors errors)
    {
        var (column, key) = cells.Text(ExpertId) is { } id ? (ExpertId, id) : (Npi, cells.Text(Npi));
        if (key is null)
        {
            errors.Add(Npi, "is required (or expertId)");
            return null;
        }

        bool Matches(string? expertId, string? npi) => column == ExpertId
            ? expertId == key || (expertId is null && npi is not null && ExpertIds.FromNpi(npi) == key)
            : npi == key;

        var index = good.FindIndex(g => Matches(g.Expert.ExpertId, g.Expert.Npi));
        if (index >= 0)
        {
            return index;
        }

        var bad = expertRows.FirstOrDefault(r => r.Draft is { } d && Matches(d.ExpertId, d.Npi));
        errors.Add(column, bad is null
            ? "matches no expert of the experts file"
            : $"belongs to the expert of row {bad.Row.ToString(CultureInfo.InvariantCulture)} of the experts file, which has errors");
        return null;
    }
}
