using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Batch;

/// <summary>Reads JSON Lines: one canonical referral object per line, blank lines skipped, the line number as the row.</summary>
internal static class JsonLinesBatchReader
{
    /// <summary>The longest line kept; a longer one is reported and skipped so memory stays flat.</summary>
    public const int MaxLineBytes = 4 << 20;

    private const int ChunkBytes = 64 * 1024;

    public static async IAsyncEnumerable<BatchRecord> ReadAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        var start = 0;
        var end = 0;
        var line = 0L;
        var skippingLongLine = false;
        var eof = false;
        while (!eof || start < end)
        {
            var found = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            var newline = found < 0 ? -1 : start + found;
            if (newline < 0 && !eof)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    if (buffer.Length >= MaxLineBytes)
                    {
                        // Keep reading to the end of this line without keeping it.
                        if (!skippingLongLine)
                        {
                            line++;
                            yield return TooLong(line);
                        }

                        skippingLongLine = true;
                        end = 0;
                    }
                    else
                    {
                        Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes));
                    }
                }

                var read = await content.ReadAsync(buffer.AsMemory(end), cancellationToken);
                eof = read == 0;
                end += read;
                continue;
            }

            var lineEnd = newline < 0 ? end : newline;
            var bytes = buffer.AsSpan(start, lineEnd - start);
            start = newline < 0 ? end : newline + 1;
            if (skippingLongLine)
            {
                skippingLongLine = false;
                continue;
            }

            line++;
            if (line == 1 && bytes.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }

            if (bytes.EndsWith("\r"u8))
            {
                bytes = bytes[..^1];
            }

            if (bytes.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return Record(line, bytes.ToArray());
        }
    }

    private static BatchRecord Record(long line, byte[] json)
    {
        var errors = new List<FieldError>();
        var externalId = Scan(json, errors);
        return new BatchRecord(line, externalId, json, errors);
    }

    /// <summary>Checks the line is well-formed JSON and picks up <c>source.externalId</c> on the way.</summary>
    private static string? Scan(byte[] json, List<FieldError> errors)
    {
        string? externalId = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var inSource = false;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.CurrentDepth == 1)
                {
                    inSource = reader.ValueTextEquals("source"u8);
                }
                else if (inSource && reader.CurrentDepth == 2 && reader.ValueTextEquals("externalId"u8)
                         && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    externalId = reader.GetString();
                }
            }
        }
        catch (JsonException malformed)
        {
            var at = ((malformed.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
            errors.Add(new FieldError("$", $"is not valid JSON (byte {at} of the line)"));
        }

        return externalId;
    }

    private static BatchRecord TooLong(long line) =>
        new(line, null, ReadOnlyMemory<byte>.Empty, [new FieldError("$", $"is longer than {MaxLineBytes >> 20} MiB; the line was not read")]);
}
