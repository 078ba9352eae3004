using System.Security.Cryptography;
using System.Text;
using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Tests.Support;

namespace ImeBridge.Adapters.Tests.Documents;

public sealed class LocalDocumentStoreTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private LocalDocumentStore NewStore() => new(folder.File("documents"));

    [Fact]
    public async Task Put_then_open_returns_the_same_bytes()
    {
        var store = NewStore();
        var content = RandomNumberGenerator.GetBytes(100_000);

        var stored = await store.PutAsync(content, "application/pdf", CancellationToken.None);
        await using var stream = await store.OpenAsync(stored.Sha256, CancellationToken.None);

        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Equal(content.Length, stored.Size);
        Assert.Equal("application/pdf", stored.ContentType);
    }

    [Fact]
    public async Task A_streamed_put_stores_the_same_document_as_a_buffered_put_and_leaves_no_temporary_file()
    {
        var store = NewStore();
        var content = RandomNumberGenerator.GetBytes(300_000);

        var streamed = await store.PutAsync(new MemoryStream(content), "text/csv", CancellationToken.None);
        var buffered = await store.PutAsync(content, "text/csv", CancellationToken.None);
        var again = await store.PutAsync(new MemoryStream(content), "text/csv", CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), streamed.Sha256);
        Assert.Equal(buffered, streamed);
        Assert.Equal(streamed, again);
        Assert.Equal(content.Length, streamed.Size);
        await using var stream = await store.OpenAsync(streamed.Sha256, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Single(Directory.EnumerateFiles(store.RootFolder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_reference_carries_the_sha256_of_the_content()
    {
        var store = NewStore();

        var stored = await store.PutAsync(Encoding.ASCII.GetBytes("abc"), "text/plain", CancellationToken.None);

        // FIPS 180-2 test vector for "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", stored.Sha256);
        Assert.Equal("local:sha256/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", stored.StoreRef);
        Assert.True(File.Exists(Path.Combine(store.RootFolder, "ba", "78", stored.Sha256)));
    }

    [Fact]
    public async Task The_same_bytes_twice_give_the_same_reference_and_one_file()
    {
        var store = NewStore();
        var content = Encoding.UTF8.GetBytes("""{"claimant":{"lastName":"Quillfeather"}}""");

        var first = await store.PutAsync(content, "application/json", CancellationToken.None);
        var second = await store.PutAsync(content, "application/json", CancellationToken.None);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.PutAsync(content, "application/json", CancellationToken.None))));

        Assert.Equal(first, second);
        Assert.All(concurrent, r => Assert.Equal(first, r));
        var files = Directory.GetFiles(store.RootFolder, "*", SearchOption.AllDirectories);
        Assert.Equal(Path.Combine(store.RootFolder, first.Sha256[..2], first.Sha256[2..4], first.Sha256), Assert.Single(files));
    }

    [Fact]
    public async Task Empty_content_is_stored_too()
    {
        var store = NewStore();

        var stored = await store.PutAsync(ReadOnlyMemory<byte>.Empty, "text/plain", CancellationToken.None);
        await using var stream = await store.OpenAsync(stored.Sha256, CancellationToken.None);

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", stored.Sha256);
        Assert.NotNull(stream);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task Opening_unknown_or_malformed_hashes_returns_null()
    {
        var store = NewStore();

        Assert.Null(await store.OpenAsync(new string('0', 64), CancellationToken.None));
        Assert.Null(await store.OpenAsync("../../etc/passwd", CancellationToken.None));
        Assert.Null(await store.OpenAsync(new string('A', 64), CancellationToken.None));
    }

    [Fact]
    public async Task Documents_survive_a_new_store_instance()
    {
        var stored = await NewStore().PutAsync(Encoding.UTF8.GetBytes("kept"), "text/plain", CancellationToken.None);

        await using var stream = await NewStore().OpenAsync(stored.Sha256, CancellationToken.None);

        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        Assert.Equal("kept", await reader.ReadToEndAsync());
    }
}
