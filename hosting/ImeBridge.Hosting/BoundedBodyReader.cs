using System.Buffers;

namespace ImeBridge.Hosting;

/// <summary>Reads a request body, but never more than one byte past the limit, whatever Content-Length claimed.</summary>
internal static class BoundedBodyReader
{
    private const int ChunkSize = 16 * 1024;

    /// <returns>The whole body, or null when it is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(Stream body, int maxBytes, long? contentLength, CancellationToken cancellationToken)
    {
        var limit = (long)maxBytes + 1;
        var capacity = (int)Math.Min(contentLength ?? ChunkSize, limit);
        using var buffer = new MemoryStream(capacity);
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
