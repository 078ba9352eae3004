using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Sftp.Tests.Support;

/// <summary>The real store, whose streaming put says it was entered and then waits for a gate: a poll held mid-file.</summary>
internal sealed class GatedDocumentStore(IDocumentStore inner, TaskCompletionSource entered, Task gate) : IDocumentStore
{
    public Task<DocumentRef> PutAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        inner.PutAsync(content, contentType, cancellationToken);

    public async Task<DocumentRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        entered.TrySetResult();
        await gate.WaitAsync(cancellationToken);
        return await inner.PutAsync(content, contentType, cancellationToken);
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken) => inner.OpenAsync(sha256, cancellationToken);
}
