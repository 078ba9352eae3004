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
            await using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                PreallocationSize = content.Length,
            }))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            // Atomic on one file system; a concurrent put of the same bytes renames identical content over it.
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        DirectorySync.Flush(folder);
        foreach (var created in createdFolders)
        {
            DirectorySync.Flush(Path.GetDirectoryName(created)!);
        }

        return result;
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
