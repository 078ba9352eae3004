using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using ImeBridge.Testing.Servers;

namespace ImeBridge.Adapters.AzureBlob.Tests;

/// <summary>One Azurite for every Blob test in the run; each test works in a container of its own.</summary>
public sealed class AzuriteFixture : IDisposable
{
    public AzuriteServer Server { get; } = AzuriteServer.Start();

    /// <summary>A container name no other test uses (the container itself is not created).</summary>
    public static string NewContainerName() => "docs-" + Guid.NewGuid().ToString("N");

    public BlobContainerClient Container(string name, params HttpPipelinePolicy[] policies)
    {
        var options = new BlobClientOptions();
        foreach (var policy in policies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        return new BlobContainerClient(Server.ConnectionString, name, options);
    }

    public void Dispose() => Server.Dispose();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
