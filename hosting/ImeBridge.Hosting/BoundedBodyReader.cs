using System.Buffers;

namespace ImeBridge.Hosting;

/// <summary>Reads a request body, but never more than one byte past the limit, whatever Content-Length claimed.</summary>
internal static class BoundedBodyReader
{
    private const int ChunkSize = 16 * 1024;

    /// <returns>The whole body, or null when it is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(Stream body, int maxBytes, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength is { } declared && declared <= maxBytes)
        {
            var exact = await ReadDeclaredAsync(body, (int)declared, cancellationToken);
            var next = new byte[1];
            if (exact.Length < declared || await body.ReadAsync(next, cancellationToken) == 0)
            {
                return exact;
            }

            // More than Content-Length said (a host that does not enforce it): read the rest with the limit.
            return await ReadBoundedAsync(body, maxBytes, prefix: [.. exact, next[0]], cancellationToken);
        }

        return await ReadBoundedAsync(body, maxBytes, prefix: [], cancellationToken);
    }

    /// <summary>The common case: a body of a declared length is read straight into its own array, with no copies.</summary>
    private static async Task<byte[]> ReadDeclaredAsync(Stream body, int declared, CancellationToken cancellationToken)
    {
        var bytes = new byte[declared];
        var filled = 0;
        while (filled < declared)
        {
            var read = await body.ReadAsync(bytes.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return bytes[..filled];
            }

            filled += read;
        }

        return bytes;
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, byte[] prefix, CancellationToken cancellationToken)
    {
        var limit = (long)maxBytes + 1;
        using var buffer = new MemoryStream(ChunkSize);
        buffer.Write(prefix);
        if (buffer.Length > maxBytes)
        {
            return null;
        }

        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                var wanted = (int)Math.Min(chunk.Length, limit - buffer.Length);
                var read = await body.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
