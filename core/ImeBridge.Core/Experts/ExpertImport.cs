using CsvHelper;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Experts;

/// <summary>
/// Reads expert files (CSV with an optional slots CSV, or a JSON array; docs/experts.md) checking every row, and
/// imports them: all or nothing, or with <c>partial</c> the good rows while the bad ones are listed.
/// </summary>
public static class ExpertImport
{
    /// <summary>Reads an experts CSV and, when given, a slots CSV whose rows are added to the experts they name.</summary>
    /// <param name="file">How errors name the experts file (usually its path).</param>
    /// <param name="slotsFile">How errors name the slots file.</param>
    public static async Task<ExpertFileRead> ReadCsvAsync(Stream experts, string file, Stream? slots, string? slotsFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experts);
        var fileErrors = new List<ExpertImportError>();
        var rows = await Guard(() => ExpertCsvReader.ReadAsync(experts, file, fileErrors, cancellationToken), file, fileErrors);
        if (fileErrors.Count > 0)
        {
            return new ExpertFileRead([], fileErrors, rows.Count, rows.Count);
        }

        var checkedRows = ExpertRowsChecker.Check(file, rows, CsvFieldNames.Instance);
        if (slots is not null)
        {
            var label = slotsFile ?? "slots";
            await Guard(
                async () =>
                {
                    await SlotCsvReader.AttachAsync(slots, label, checkedRows.Good, rows, checkedRows.Errors, cancellationToken);
                    return new List<DraftRow>();
                },
                label,
                checkedRows.Errors);
        }

        return checkedRows.ToFileRead();
    }

    /// <summary>Reads an experts JSON file: an array of expert objects, camelCase, slots inline.</summary>
    public static async Task<ExpertFileRead> ReadJsonAsync(Stream experts, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experts);
        var fileErrors = new List<ExpertImportError>();
        var rows = await ExpertJsonReader.ReadAsync(experts, file, fileErrors, cancellationToken);
        return fileErrors.Count > 0
            ? new ExpertFileRead([], fileErrors, 0, 0)
            : ExpertRowsChecker.Check(file, rows, JsonFieldNames.Instance).ToFileRead();
    }

    /// <summary>
    /// Stores what <paramref name="read"/> found, in one transaction: nothing when it has errors, unless
    /// <paramref name="partial"/>, then the experts of the good rows.
    /// </summary>
    public static async Task<ExpertImportOutcome> ImportAsync(IExpertDirectory directory, ExpertFileRead read, bool partial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(read);
        if ((read.HasErrors && !partial) || read.Experts.Count == 0)
        {
            return new ExpertImportOutcome(0, read.Errors);
        }

        await directory.UpsertAsync(read.Experts, cancellationToken);
        return new ExpertImportOutcome(read.Experts.Count, read.Errors);
    }

    private static async Task<List<DraftRow>> Guard(Func<Task<List<DraftRow>>> reading, string file, List<ExpertImportError> errors)
    {
        try
        {
            return await reading();
        }
        catch (CsvFormatException)
        {
            errors.Add(new ExpertImportError(file, null, "", "cannot be read: a record is longer than 1 MiB, most likely because a quote is left open"));
            return [];
        }
    }
}
