using System.CommandLine;
using System.Globalization;
using ImeBridge.Core.Experts;

namespace ImeBridge.Cli;

/// <summary>
/// <c>imebridge experts import FILE [--slots FILE] [--partial]</c>: checks every row, then stores all of them or
/// none; with <c>--partial</c> the good rows. Standard error: <c>FILE:ROW: COLUMN: reason</c> per problem.
/// </summary>
internal static class ExpertsImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "Experts as CSV (.csv: one expert per row, multi-valued cells separated by |) or JSON (.json: an array of experts, camelCase).",
        };
        var slots = new Option<string?>("--slots")
        {
            Description = "With a CSV: a second CSV of availability slots (npi or expertId, start, durationMinutes, officeId).",
            HelpName = "FILE",
        };
        var partial = new Option<bool>("--partial")
        {
            Description = "Import the good rows even when others have errors (they are listed). Without it a file with any error imports nothing.",
        };
        var data = CommonOptions.Data("");
        var command = new Command(
            "import",
            "Add or replace experts from a file. Standard output: 'imported N experts'. Standard error: one line 'FILE:ROW: COLUMN: reason' per problem. "
            + "Exit 0 when every row was good, 1 when any was refused, 2 on a usage error.")
        {
            file,
            slots,
            partial,
            data,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetValue(file)!,
            parsed.GetValue(slots),
            parsed.GetValue(partial),
            parsed.GetValue(data),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string file, string? slotsFile, bool partial, string? dataOption, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(file, slotsFile, cancellationToken);
        foreach (var error in read.Errors)
        {
            await Console.Error.WriteLineAsync(error.ToString());
        }

        if (read.HasErrors && !partial)
        {
            var refused = read.RowCount > 0 ? $": {read.RejectedRows.ToString(CultureInfo.InvariantCulture)} of {Count(read.RowCount, "row")} refused" : "";
            await Console.Error.WriteLineAsync($"imebridge experts import: nothing imported{refused} (--partial imports the good ones).");
            return ExitCodes.Rejected;
        }

        await using var host = ExpertsHost.Open(dataOption);
        ExpertImportOutcome outcome;
        try
        {
            outcome = await ExpertImport.ImportAsync(host.Directory, read, partial, cancellationToken);
        }
        catch (InvalidOperationException conflict)
        {
            await Console.Error.WriteLineAsync($"imebridge experts import: nothing imported: {conflict.Message}");
            return ExitCodes.Rejected;
        }

        await Console.Out.WriteLineAsync($"imported {outcome.Imported.ToString(CultureInfo.InvariantCulture)} experts");
        return read.HasErrors ? ExitCodes.Rejected : ExitCodes.Ok;
    }

    private static async Task<ExpertFileRead> ReadAsync(string file, string? slotsFile, CancellationToken cancellationToken)
    {
        await using var experts = InputFiles.OpenRead(file);
        if (IsJson(file, experts))
        {
            if (slotsFile is not null)
            {
                throw new UsageException("--slots goes with a CSV file; in JSON each expert carries its availabilitySlots.");
            }

            return await ExpertImport.ReadJsonAsync(experts, file, cancellationToken);
        }

        if (slotsFile is null)
        {
            return await ExpertImport.ReadCsvAsync(experts, file, null, null, cancellationToken);
        }

        await using var slots = InputFiles.OpenRead(slotsFile);
        return await ExpertImport.ReadCsvAsync(experts, file, slots, slotsFile, cancellationToken);
    }

    /// <summary>By extension; otherwise JSON when the first non-blank byte opens an array.</summary>
    private static bool IsJson(string file, FileStream content)
    {
        var extension = Path.GetExtension(file);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase) || extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return extension.Equals(".json", StringComparison.OrdinalIgnoreCase);
        }

        int next;
        while ((next = content.ReadByte()) is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF)
        {
        }

        content.Position = 0;
        return next == '[';
    }

    private static string Count(int count, string noun) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";
}
