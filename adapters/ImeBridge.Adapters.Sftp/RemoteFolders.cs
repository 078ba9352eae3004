using System.IO.Enumeration;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace ImeBridge.Adapters.Sftp;

/// <summary>The remote folder operations a poll needs, over a connected <see cref="SftpClient"/>.</summary>
internal static class RemoteFolders
{
    private const int MaxArchiveSuffix = 999;

    public static async Task EnsureExistAsync(SftpClient client, SftpFolders folders, CancellationToken cancellationToken)
    {
        foreach (var folder in new[] { folders.Processing, folders.Archive, folders.Error, folders.Ack })
        {
            if (!await client.ExistsAsync(folder, cancellationToken))
            {
                try
                {
                    await client.CreateDirectoryAsync(folder, cancellationToken);
                }
                catch (SshException)
                {
                    // Another instance may have created it first; anything else fails the poll here.
                    if (!await client.ExistsAsync(folder, cancellationToken))
                    {
                        throw;
                    }
                }
            }
        }
    }

    public static async Task<IReadOnlyList<RemoteFile>> ListFilesAsync(SftpClient client, string folder, CancellationToken cancellationToken)
    {
        var files = new List<RemoteFile>();
        await foreach (var entry in client.ListDirectoryAsync(folder, cancellationToken))
        {
            if (entry.IsRegularFile)
            {
                files.Add(RemoteFile.From(entry));
            }
        }

        return files;
    }

    public static bool Matches(IReadOnlyList<string> patterns, string name) =>
        patterns.Any(pattern => FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: true));

    /// <summary>Renames without overwriting (OpenSSH refuses to rename onto an existing file); false when that failed.</summary>
    public static async Task<bool> TryRenameAsync(SftpClient client, string from, string to, CancellationToken cancellationToken)
    {
        try
        {
            await client.RenameFileAsync(from, to, cancellationToken);
            return true;
        }
        catch (SshException)
        {
            return false;
        }
    }

    /// <summary>Moves a file into <paramref name="folder"/> under its name, or <c>name-1.csv</c>, <c>name-2.csv</c>… when taken: never overwrites.</summary>
    public static async Task MoveKeepingBothAsync(SftpClient client, string from, string folder, string name, CancellationToken cancellationToken)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var suffix = 0; suffix <= MaxArchiveSuffix; suffix++)
        {
            var target = SftpFolders.Combine(folder, suffix == 0 ? name : $"{stem}-{suffix}{extension}");
            if (!await client.ExistsAsync(target, cancellationToken) && await TryRenameAsync(client, from, target, cancellationToken))
            {
                return;
            }
        }

        var last = SftpFolders.Combine(folder, $"{stem}-{Guid.NewGuid():N}{extension}");
        await client.RenameFileAsync(from, last, cancellationToken);
    }

    /// <summary>Uploads under a temporary name, then renames over <paramref name="path"/>, so a reader never sees half a file.</summary>
    public static async Task UploadReplacingAsync(SftpClient client, string localPath, string path, CancellationToken cancellationToken)
    {
        var partial = path + ".part";
        await using (var content = LocalWorkFiles.OpenRead(localPath))
        {
            await client.UploadFileAsync(content, partial, cancellationToken);
        }

        // posix-rename@openssh.com replaces an older ack of the same name in one step; SSH.NET offers it synchronously only.
        await Task.Run(() => client.RenameFile(partial, path, isPosix: true), cancellationToken);
    }

    public static async Task DeleteIfExistsAsync(SftpClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteFileAsync(path, cancellationToken);
        }
        catch (SftpPathNotFoundException)
        {
        }
    }
}
