namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>Reads a response body while counting, so a server cannot make the client buffer more than it allows.</summary>
internal static class FhirServerBody
{
    /// <summary>The body, or null when it is (or announces itself) larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, long maxBytes, CancellationToken ct)
    {
        if (content.Headers.ContentLength is { } announced && announced > maxBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream(content.Headers.ContentLength is { } length ? (int)Math.Min(length, 1 << 20) : 16 * 1024);
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
