using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Tests.Documents;

/// <summary>
/// What every <see cref="IDocumentStore"/> must do, whatever keeps the bytes: subclass once per adapter (other test
/// projects link this file). xunit makes a new instance per test, so each test gets empty storage of its own.
/// </summary>
public abstract class DocumentStoreContract
{
    /// <summary>A new store instance over this test's storage: two calls see the same documents.</summary>
    protected abstract IDocumentStore NewStore();

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Put_then_open_returns_the_same_bytes_size_and_content_type()
    {
        var store = NewStore();
        var content = RandomNumberGenerator.GetBytes(100_000);

        var stored = await store.PutAsync(content, "application/pdf", None);

        Assert.Equal(content, await ReadAllAsync(store, stored.Sha256));
        Assert.Equal(content.Length, stored.Size);
        Assert.Equal("application/pdf", stored.ContentType);
    }

    [Fact]
    public async Task The_reference_carries_the_sha256_of_the_content()
    {
        var stored = await NewStore().PutAsync(Encoding.ASCII.GetBytes("abc"), "text/plain", None);

        // FIPS 180-2 test vector for "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", stored.Sha256);
        Assert.EndsWith(":sha256/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", stored.StoreRef, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_put_stores_the_same_document_as_a_buffered_put()
    {
        var store = NewStore();
        var content = RandomNumberGenerator.GetBytes(300_000);

        var streamed = await store.PutAsync(new MemoryStream(content), "text/csv", None);
        var buffered = await store.PutAsync(content, "text/csv", None);
        var again = await store.PutAsync(new MemoryStream(content), "text/csv", None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), streamed.Sha256);
        Assert.Equal(buffered, streamed);
        Assert.Equal(streamed, again);
        Assert.Equal(content, await ReadAllAsync(store, streamed.Sha256));
    }

    [Fact]
    public async Task A_large_document_from_a_stream_that_cannot_seek_arrives_whole()
    {
        var store = NewStore();
        var content = RandomNumberGenerator.GetBytes(6 * 1024 * 1024 + 17);

        var stored = await store.PutAsync(new ForwardOnlyStream(content, chunk: 7_000), "image/tiff", None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Equal(content.Length, stored.Size);
        Assert.Equal(content, await ReadAllAsync(NewStore(), stored.Sha256));
    }

    [Fact]
    public async Task The_same_bytes_twice_or_at_once_give_the_same_reference()
    {
        var store = NewStore();
        var content = Encoding.UTF8.GetBytes("""{"claimant":{"lastName":"Quillfeather"}}""");

        var first = await store.PutAsync(content, "application/json", None);
        var second = await NewStore().PutAsync(content, "application/json", None);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => NewStore().PutAsync(content, "application/json", None))));

        Assert.Equal(first, second);
        Assert.All(concurrent, r => Assert.Equal(first, r));
        Assert.Equal(content, await ReadAllAsync(store, first.Sha256));
    }

    [Fact]
    public async Task Different_bytes_are_different_documents()
    {
        var store = NewStore();

        var one = await store.PutAsync(Encoding.UTF8.GetBytes("one"), "text/plain", None);
        var two = await store.PutAsync(Encoding.UTF8.GetBytes("two"), "text/plain", None);

        Assert.NotEqual(one.Sha256, two.Sha256);
        Assert.NotEqual(one.StoreRef, two.StoreRef);
        Assert.Equal("one", Encoding.UTF8.GetString(await ReadAllAsync(store, one.Sha256)));
        Assert.Equal("two", Encoding.UTF8.GetString(await ReadAllAsync(store, two.Sha256)));
    }

    [Fact]
    public async Task Empty_content_is_stored_too()
    {
        var store = NewStore();

        var buffered = await store.PutAsync(ReadOnlyMemory<byte>.Empty, "text/plain", None);
        var streamed = await store.PutAsync(Stream.Null, "text/plain", None);

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", buffered.Sha256);
        Assert.Equal(buffered, streamed);
        Assert.Equal(0, buffered.Size);
        Assert.Empty(await ReadAllAsync(store, buffered.Sha256));
    }

    [Fact]
    public async Task Opening_unknown_or_malformed_hashes_returns_null()
    {
        var store = NewStore();
        await store.PutAsync(Encoding.UTF8.GetBytes("something"), "text/plain", None);

        Assert.Null(await store.OpenAsync(new string('0', 64), None));
        Assert.Null(await store.OpenAsync("../../etc/passwd", None));
        Assert.Null(await store.OpenAsync(new string('A', 64), None));
        Assert.Null(await store.OpenAsync("", None));
    }

    [Fact]
    public async Task Opening_before_anything_was_stored_returns_null()
    {
        Assert.Null(await NewStore().OpenAsync("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", None));
    }

    [Fact]
    public async Task Documents_survive_a_new_store_instance()
    {
        var stored = await NewStore().PutAsync(Encoding.UTF8.GetBytes("kept"), "text/plain", None);

        Assert.Equal("kept", Encoding.UTF8.GetString(await ReadAllAsync(NewStore(), stored.Sha256)));
    }

    [Fact]
    public async Task A_cancelled_put_stores_nothing()
    {
        var store = NewStore();
        var content = RandomNumberGenerator.GetBytes(10_000);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync(new MemoryStream(content), "text/plain", cancelled.Token));

        Assert.Null(await store.OpenAsync(Convert.ToHexStringLower(SHA256.HashData(content)), None));
    }

    protected static async Task<byte[]> ReadAllAsync(IDocumentStore store, string sha256)
    {
        await using var stream = await store.OpenAsync(sha256, None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>A network-like body: no length, no seeking, short reads.</summary>
    public sealed class ForwardOnlyStream(byte[] content, int chunk) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), content.Length - position);
            Array.Copy(content, position, buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
