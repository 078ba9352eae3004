using Azure.Core;
using Azure.Storage.Blobs;
using ImeBridge.Adapters.AzureBlob.Internal;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.AzureBlob;

/// <summary>Registers the Blob document store: a connection string for the emulator and keys, or managed identity in Azure.</summary>
public static class AzureBlobServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AzureBlobDocumentStore"/> over <paramref name="containerName"/> of the account in
    /// <paramref name="connectionString"/> (Azurite, or an account key) as the <see cref="IDocumentStore"/>.
    /// </summary>
    public static IServiceCollection AddImeBridgeAzureBlobDocuments(this IServiceCollection services, string connectionString, string containerName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ContainerNames.ThrowIfInvalid(containerName);
        return Register(services, () => new BlobContainerClient(connectionString, containerName));
    }

    /// <summary>
    /// Registers <see cref="AzureBlobDocumentStore"/> over <paramref name="containerName"/> at <paramref name="serviceUri"/>
    /// (<c>https://&lt;account&gt;.blob.core.windows.net</c>) signed in with <paramref name="credential"/>: a managed
    /// identity holding <c>Storage Blob Data Contributor</c> on the account, so no key is kept anywhere.
    /// </summary>
    public static IServiceCollection AddImeBridgeAzureBlobDocuments(this IServiceCollection services, Uri serviceUri, TokenCredential credential, string containerName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceUri);
        ArgumentNullException.ThrowIfNull(credential);
        ContainerNames.ThrowIfInvalid(containerName);
        return Register(services, () => new BlobServiceClient(serviceUri, credential).GetBlobContainerClient(containerName));
    }

    private static IServiceCollection Register(IServiceCollection services, Func<BlobContainerClient> container)
    {
        services.AddSingleton(_ => new AzureBlobDocumentStore(container()));
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<AzureBlobDocumentStore>());
        return services;
    }
}
