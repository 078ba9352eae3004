using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Tests.Documents;

/// <summary>The document store contract against the local folder store.</summary>
public sealed class LocalDocumentStoreContractTests : DocumentStoreContract, IDisposable
{
    private readonly TempFolder folder = new();

    protected override IDocumentStore NewStore() => new LocalDocumentStore(folder.File("documents"));

    public void Dispose() => folder.Dispose();
}
