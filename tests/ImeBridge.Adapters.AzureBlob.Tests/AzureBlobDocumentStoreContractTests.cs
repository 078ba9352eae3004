using ImeBridge.Adapters.Tests.Documents;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.AzureBlob.Tests;

/// <summary>The document store contract against the Blob store on a real Azurite, a fresh container per test.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobDocumentStoreContractTests(AzuriteFixture azurite) : DocumentStoreContract
{
    private readonly string containerName = AzuriteFixture.NewContainerName();

    protected override IDocumentStore NewStore() => new AzureBlobDocumentStore(azurite.Container(containerName));
}
