using System.Security.Cryptography;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.LocalFiles;

/// <summary>
/// Documents as files named by their SHA-256 under a root folder: <c>ab/cd/abcd…</c> (two levels of two hex
/// digits keep folders small). A put writes a temporary file, fsyncs it, renames it into place atomically and
/// fsyncs the folder, so a document is either complete or absent after a crash. The same bytes again are a no-op.
/// Store references read <c>local:sha256/&lt;hex&gt;</c>.
/// </summary>
public sealed class LocalDocumentStore : IDocumentStore
{
    public const string StoreRefPrefix = "local:sha256/";

    private const int HashHexLength = 64;
    private const string TempPrefix = ".tmp-";

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public LocalDocumentStore(string rootFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        RootFolder = Path.GetFullPath(rootFolder);
        Directory.CreateDirectory(RootFolder);
    }

    public string RootFolder { get; }

    public async Task<DocumentRef> PutAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var result = new DocumentRef(sha256, content.Length, contentType, StoreRefPrefix + sha256);
        var path = PathOf(sha256);
        if (File.Exists(path) && new FileInfo(path).Length == content.Length)
        {
            return result;
        }

        var folder = Path.GetDirectoryName(path)!;
        var createdFolders = EnsureFolder(folder);
        var temp = Path.Combine(folder, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var stream = OpenTemp(temp, content.Length))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            Publish(temp, path, createdFolders);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return result;
    }

    public async Task<DocumentRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(contentType);

        // The name is known only once every byte is read, so the temporary file lives at the root.
        var temp = Path.Combine(RootFolder, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            string sha256;
            long size;
            await using (var stream = OpenTemp(temp, preallocate: 0))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                stream.Flush(flushToDisk: true);
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
                size = stream.Length;
            }

            var path = PathOf(sha256);
            if (File.Exists(path) && new FileInfo(path).Length == size)
            {
                TryDelete(temp);
            }
            else
            {
                Publish(temp, path, EnsureFolder(Path.GetDirectoryName(path)!));
            }

            return new DocumentRef(sha256, size, contentType, StoreRefPrefix + sha256);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static FileStream OpenTemp(string temp, long preallocate) => new(temp, new FileStreamOptions
    {
        Mode = FileMode.CreateNew,
        Access = FileAccess.Write,
        Share = FileShare.None,
        Options = FileOptions.Asynchronous,
        PreallocationSize = preallocate,
    });

    /// <summary>Renames a synced temporary file into place (atomic on one file system) and syncs the folders it touched.</summary>
    private static void Publish(string temp, string path, List<string> createdFolders)
    {
        // A concurrent put of the same bytes renames identical content over it.
        File.Move(temp, path, overwrite: true);
        var folder = Path.GetDirectoryName(path)!;
        DirectorySync.Flush(folder);
        foreach (var created in createdFolders)
        {
            DirectorySync.Flush(Path.GetDirectoryName(created)!);
        }
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!IsSha256Hex(sha256))
        {
            return Task.FromResult<Stream?>(null);
        }

        try
        {
            Stream stream = new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    private string PathOf(string sha256) => Path.Combine(RootFolder, sha256[..2], sha256[2..4], sha256);

    /// <summary>Creates <paramref name="folder"/> and its parent under the root as needed; returns those it created, deepest last.</summary>
    private static List<string> EnsureFolder(string folder)
    {
        var created = new List<string>(2);
        var parent = Path.GetDirectoryName(folder)!;
        foreach (var candidate in new[] { parent, folder })
        {
            if (!Directory.Exists(candidate))
            {
                Directory.CreateDirectory(candidate);
                created.Add(candidate);
            }
        }

        return created;
    }

    private static bool IsSha256Hex(string? value) =>
        value is { Length: HashHexLength } && !value.AsSpan().ContainsAnyExcept(LowerHex);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
