using ImeBridge.Core.Model;

namespace ImeBridge.Core.Ports;

/// <summary>Keeps bytes exactly as received, content-addressed by SHA-256. Putting the same bytes twice is a no-op.</summary>
public interface IDocumentStore
{
    /// <summary>Stores the content durably (it survives a crash once this returns) and returns where it is.</summary>
    Task<DocumentRef> PutAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>As the other overload, streaming: memory stays flat whatever the size of <paramref name="content"/>.</summary>
    Task<DocumentRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>Opens stored content by its SHA-256 (lower-case hex), or null when there is none.</summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken);
}
