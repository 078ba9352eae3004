using System.Collections.Concurrent;
using System.Security.Cryptography;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Tests.Workflow.Documents;

/// <summary>A content-addressed document store in memory.</summary>
internal sealed class MemoryDocumentStore : IDocumentStore
{
    private readonly ConcurrentDictionary<string, byte[]> documents = new(StringComparer.Ordinal);

    public Task<DocumentRef> PutAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        documents[sha256] = content.ToArray();
        return Task.FromResult(new DocumentRef(sha256, content.Length, contentType, "memory:" + sha256));
    }

    public async Task<DocumentRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return await PutAsync(buffer.ToArray(), contentType, cancellationToken);
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(documents.TryGetValue(sha256, out var bytes) ? new MemoryStream(bytes, writable: false) : null);
}
