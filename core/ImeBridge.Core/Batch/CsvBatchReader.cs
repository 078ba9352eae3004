using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;

namespace ImeBridge.Core.Batch;

/// <summary>Reads an RFC 4180 CSV (BOM, CRLF, quoted delimiters and line breaks) one record at a time.</summary>
internal static class CsvBatchReader
{
    /// <summary>The largest record read: a larger one almost always means a quote left open, which would swallow the rest of the file.</summary>
    private const int MaxRecordBytes = 1 << 20;

    public static async IAsyncEnumerable<BatchRecord> ReadAsync(Stream content, CsvLayout? layout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (layout?.Validate() is { Count: > 0 } problems)
        {
            throw new BatchFileException("The partner's CSV layout is not usable: " + string.Join("; ", problems));
        }

        // Record numbers the reader found malformed (it counts the header as record 1); it may find them ahead of returning them.
        var malformed = new HashSet<long>();
        var options = CsvReaderOptions.Default with
        {
            Separator = (layout?.Delimiter ?? ",")[0],
            MaxRecordSize = MaxRecordBytes,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = record => malformed.Add(record.RecordNumber),
        };
        await using var reader = CsvReader.Create(content, options, leaveOpen: true);
        await Guard(reader.ReadHeaderAsync(cancellationToken), 0);
        if (reader.Headers.Count == 0)
        {
            throw new BatchFileException("The file is empty: a CSV batch starts with a header row.");
        }

        var plan = CsvPlan.Build(reader.Headers, layout);
        using var mapper = new CsvRowMapper(plan, layout);
        var fields = new List<string>(plan.ColumnCount);
        var row = 0L;
        while (await Guard(reader.ReadAsync(cancellationToken), row + 1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            row++;
            fields.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                fields.Add(reader.GetString(i));
            }

            yield return mapper.Map(row, fields, malformed.Remove(row + 1));
        }
    }

    private static async ValueTask Guard(ValueTask reading, long row)
    {
        try
        {
            await reading;
        }
        catch (CsvFormatException tooLarge)
        {
            throw TooLarge(row, tooLarge);
        }
    }

    private static async ValueTask<bool> Guard(ValueTask<bool> reading, long row)
    {
        try
        {
            return await reading;
        }
        catch (CsvFormatException tooLarge)
        {
            throw TooLarge(row, tooLarge);
        }
    }

    private static BatchFileException TooLarge(long row, CsvFormatException cause) =>
        new(
            $"Row {row.ToString(CultureInfo.InvariantCulture)} cannot be read: it is longer than {MaxRecordBytes >> 20} MiB, most likely because a quote is left open.",
            cause);
}
