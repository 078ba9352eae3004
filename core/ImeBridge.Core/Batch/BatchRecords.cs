namespace ImeBridge.Core.Batch;

public static class BatchRecords
{
    /// <summary>
    /// Streams the records of a batch file as canonical referral JSON, one at a time; the file is never held whole.
    /// <paramref name="layout"/> applies to CSV only; without one, the header row must use canonical paths.
    /// Throws <see cref="BatchFileException"/> when the file as a whole cannot be read (no header, nothing
    /// canonical in it, a layout naming a column the header lacks). Does not close <paramref name="content"/>.
    /// </summary>
    public static IAsyncEnumerable<BatchRecord> ReadAsync(Stream content, BatchFormat format, CsvLayout? layout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        return format switch
        {
            BatchFormat.Csv => CsvBatchReader.ReadAsync(content, layout, cancellationToken),
            BatchFormat.JsonLines => JsonLinesBatchReader.ReadAsync(content, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a batch format"),
        };
    }
}
