namespace ImeBridge.Cli;

/// <summary>One record of an input file, and how problems with it are labelled: <c>FILE</c> or <c>FILE:LINE</c>.</summary>
internal sealed record InputRecord(string Label, ReadOnlyMemory<byte> Utf8Json);

/// <summary>Splits an input file into records: the whole file, or each non-blank line of a <c>.jsonl</c> file.</summary>
internal static class InputRecords
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static IEnumerable<InputRecord> Read(string file)
    {
        var bytes = WithoutBom(InputFiles.ReadAllBytes(file));
        if (!file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return [new InputRecord(file, bytes)];
        }

        return Lines(file, bytes);
    }

    private static IEnumerable<InputRecord> Lines(string file, ReadOnlyMemory<byte> bytes)
    {
        var lineNumber = 0;
        while (bytes.Length > 0)
        {
            lineNumber++;
            var end = bytes.Span.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? ReadOnlyMemory<byte>.Empty : bytes[(end + 1)..];
            if (!line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                yield return new InputRecord($"{file}:{lineNumber}", line);
            }
        }
    }

    private static ReadOnlyMemory<byte> WithoutBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith(Utf8Bom) ? bytes.AsMemory(Utf8Bom.Length) : bytes;
}
