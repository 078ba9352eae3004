using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs.Models;
using ImeBridge.Adapters.Tests.Documents;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.AzureBlob.Tests;

/// <summary>What only the Blob store must show: what it sends to the service, and how it meets other writers.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobDocumentStoreTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string containerName = AzuriteFixture.NewContainerName();
    private readonly TempDirectory spool = new();

    public void Dispose() => spool.Dispose();

    private AzureBlobDocumentStore NewStore(RequestLog? log = null) =>
        new(log is null ? azurite.Container(containerName) : azurite.Container(containerName, log), spool.Path);

    [Fact]
    public async Task A_second_put_of_the_same_bytes_sends_no_bytes()
    {
        var log = new RequestLog();
        var store = NewStore(log);
        var content = RandomNumberGenerator.GetBytes(50_000);
        await store.PutAsync(content, "application/pdf", None);
        Assert.Single(log.Uploads);
        log.Clear();

        var buffered = await store.PutAsync(content, "application/pdf", None);
        var streamed = await NewStore(log).PutAsync(new MemoryStream(content), "application/pdf", None);

        Assert.Empty(log.Uploads);
        Assert.All(log.Requests, r => Assert.StartsWith("HEAD ", r, StringComparison.Ordinal));
        Assert.Equal(buffered, streamed);
    }

    [Fact]
    public async Task The_blob_is_named_by_its_hash_and_keeps_its_content_type()
    {
        var stored = await NewStore().PutAsync(Encoding.ASCII.GetBytes("abc"), "application/pdf", None);

        var properties = (await azurite.Container(containerName).GetBlobClient("sha256/" + stored.Sha256).GetPropertiesAsync()).Value;

        Assert.Equal("application/pdf", properties.ContentType);
        Assert.Equal(3, properties.ContentLength);
        Assert.Equal(BlobType.Block, properties.BlobType);
        Assert.Equal("blob:sha256/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", stored.StoreRef);
    }

    [Fact]
    public async Task The_container_is_created_private_on_the_first_put()
    {
        var container = azurite.Container(containerName);
        Assert.False((await container.ExistsAsync()).Value);

        await NewStore().PutAsync(Encoding.UTF8.GetBytes("first"), "text/plain", None);

        var properties = (await container.GetPropertiesAsync()).Value;
        Assert.Equal(PublicAccessType.None, properties.PublicAccess);
    }

    [Fact]
    public async Task A_missing_document_opens_as_null_in_an_existing_container()
    {
        var store = NewStore();
        await store.PutAsync(Encoding.UTF8.GetBytes("present"), "text/plain", None);

        Assert.Null(await store.OpenAsync(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("absent"))), None));
    }

    [Fact]
    public async Task A_large_document_is_streamed_in_blocks_and_its_spool_file_removed()
    {
        var log = new RequestLog();
        var content = RandomNumberGenerator.GetBytes(24 * 1024 * 1024 + 3);

        var stored = await NewStore(log).PutAsync(new DocumentStoreContract.ForwardOnlyStream(content, chunk: 64 * 1024), "image/tiff", None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Contains(log.Uploads, r => r.Contains("comp=block&", StringComparison.Ordinal) || r.EndsWith("comp=block", StringComparison.Ordinal));
        Assert.Contains(log.Uploads, r => r.Contains("comp=blocklist", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(spool.Path));
        await using var opened = await NewStore().OpenAsync(stored.Sha256, None);
        Assert.NotNull(opened);
        Assert.Equal(content.Length, opened.Length);
        Assert.Equal(stored.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(opened)));
    }

    [Fact]
    public async Task Another_writer_committing_the_same_bytes_first_is_not_an_error()
    {
        var content = Encoding.UTF8.GetBytes("raced");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var other = azurite.Container(containerName);
        var log = new RequestLog();
        var raced = false;
        log.BeforeSending = message =>
        {
            // Between the store's HEAD (nothing there) and its upload, another instance commits the same document.
            if (!raced && message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.EndsWith(sha256, StringComparison.Ordinal))
            {
                raced = true;
                other.GetBlobClient("sha256/" + sha256).Upload(BinaryData.FromBytes(content));
            }
        };

        var stored = await NewStore(log).PutAsync(content, "text/plain", None);

        Assert.True(raced);
        Assert.Equal(sha256, stored.Sha256);
        Assert.Equal("raced", Encoding.UTF8.GetString(await ReadAllAsync(NewStore(), sha256)));
    }

    [Fact]
    public async Task A_blob_of_the_wrong_length_under_a_documents_name_is_replaced()
    {
        var content = Encoding.UTF8.GetBytes("the real document");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var container = azurite.Container(containerName);
        await container.CreateAsync();
        await container.GetBlobClient("sha256/" + sha256).UploadAsync(BinaryData.FromString("damaged"));

        await NewStore().PutAsync(content, "text/plain", None);

        Assert.Equal(content, await ReadAllAsync(NewStore(), sha256));
    }

    [Fact]
    public async Task Registered_with_a_connection_string_it_is_the_document_store()
    {
        var services = new ServiceCollection();
        services.AddImeBridgeAzureBlobDocuments(azurite.Server.ConnectionString, containerName);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IDocumentStore>();
        var stored = await store.PutAsync(Encoding.UTF8.GetBytes("registered"), "text/plain", None);

        Assert.IsType<AzureBlobDocumentStore>(store);
        Assert.Same(store, provider.GetRequiredService<AzureBlobDocumentStore>());
        Assert.Equal("registered", Encoding.UTF8.GetString(await ReadAllAsync(store, stored.Sha256)));
    }

    [Theory]
    [InlineData("Documents")]
    [InlineData("do")]
    [InlineData("-documents")]
    [InlineData("docu--ments")]
    [InlineData("documents_1")]
    public void A_bad_container_name_is_refused_at_registration_with_the_rule(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddImeBridgeAzureBlobDocuments(azurite.Server.ConnectionString, name));

        Assert.Contains("lower-case letters, digits and single hyphens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_service_fails_the_put_instead_of_pretending_it_stored()
    {
        var unreachable = new Azure.Storage.Blobs.BlobContainerClient(
            azurite.Server.ConnectionString.Replace($":{azurite.Server.Port}/", ":1/", StringComparison.Ordinal),
            containerName,
            new Azure.Storage.Blobs.BlobClientOptions { Retry = { MaxRetries = 0 } });

        await Assert.ThrowsAsync<RequestFailedException>(() => new AzureBlobDocumentStore(unreachable).PutAsync(Encoding.UTF8.GetBytes("x"), "text/plain", None));
    }

    private static async Task<byte[]> ReadAllAsync(IDocumentStore store, string sha256)
    {
        await using var stream = await store.OpenAsync(sha256, None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
