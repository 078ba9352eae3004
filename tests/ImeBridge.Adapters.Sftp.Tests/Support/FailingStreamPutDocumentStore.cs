using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Sftp.Tests.Support;

/// <summary>The real store, except that keeping a file whose bytes start with <paramref name="poison"/> always fails: a fault not in the file.</summary>
internal sealed class FailingStreamPutDocumentStore(IDocumentStore inner, byte[] poison) : IDocumentStore
{
    public Task<DocumentRef> PutAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        inner.PutAsync(content, contentType, cancellationToken);

    public async Task<DocumentRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        if (copy.GetBuffer().AsSpan(0, (int)copy.Length).StartsWith(poison))
        {
            throw new IOException("the document folder refused the write");
        }

        copy.Position = 0;
        return await inner.PutAsync(copy, contentType, cancellationToken);
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken) => inner.OpenAsync(sha256, cancellationToken);
}
