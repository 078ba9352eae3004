namespace ImeBridge.Core.Batch;

public static class BatchFormats
{
    /// <summary>The format a file name's extension announces (case-insensitive), or null when it announces none we read.</summary>
    public static BatchFormat? FromFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var extension = Path.GetExtension(fileName);
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return BatchFormat.Csv;
        }

        if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".json-lines", StringComparison.OrdinalIgnoreCase))
        {
            return BatchFormat.JsonLines;
        }

        return null;
    }
}
