using System.Security.Cryptography;

namespace ImeBridge.Adapters.AzureBlob.Internal;

/// <summary>
/// A document read once from the caller's stream and hashed on the way in. A blob's name is its SHA-256, which is
/// known only after the last byte, so the bytes wait here until then: in memory up to <see cref="MemoryLimit"/>,
/// beyond that in a temporary file deleted on dispose, so memory stays flat whatever the size.
/// </summary>
internal sealed class SpooledContent : IAsyncDisposable
{
    /// <summary>Most documents (letters, forms, emails) fit; scanned records spill to disk.</summary>
    public const int MemoryLimit = 1024 * 1024;

    private const int BufferSize = 81920;

    private SpooledContent(Stream content, string sha256, long size)
    {
        Content = content;
        Sha256 = sha256;
        Size = size;
    }

    /// <summary>The spooled bytes, positioned at the start.</summary>
    public Stream Content { get; }

    public string Sha256 { get; }

    public long Size { get; }

    public static async Task<SpooledContent> ReadAsync(Stream source, string temporaryFolder, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Stream spool = new MemoryStream();
        try
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                if (spool is MemoryStream memory && memory.Length + read > MemoryLimit)
                {
                    spool = await SpillAsync(memory, temporaryFolder, cancellationToken);
                }

                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await spool.FlushAsync(cancellationToken);
            var size = spool.Length;
            spool.Position = 0;
            return new SpooledContent(spool, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    private static async Task<Stream> SpillAsync(MemoryStream memory, string temporaryFolder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(temporaryFolder);
        var file = new FileStream(
            Path.Combine(temporaryFolder, "imebridge-blob-" + Guid.NewGuid().ToString("N")),
            new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
            });
        try
        {
            memory.Position = 0;
            await memory.CopyToAsync(file, cancellationToken);
            await memory.DisposeAsync();
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
