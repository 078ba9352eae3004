using System.Security.Cryptography;
using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Core.Workflow.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Workflow;

/// <summary>
/// Where the packet link key comes from: <c>documents:linkKey</c> when set (several instances must share it); else,
/// on the embedded host, a random key kept beside the documents in <c>&lt;data&gt;/keys/packet-links.key</c>, made on
/// first use and readable by the service account only.
/// </summary>
internal static class PacketLinkKeySource
{
    public const string KeyFolderName = "keys";
    public const string KeyFileName = "packet-links.key";

    public static PacketLinkKey Resolve(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<DocumentsOptions>>().Value.LinkKey;
        if (configured is not null)
        {
            return new PacketLinkKey(Decode(configured) ?? throw new InvalidOperationException("documents:linkKey is not a usable key"));
        }

        var documents = services.GetService<LocalDocumentStore>()
            ?? throw new InvalidOperationException("documents:linkKey must be set when documents are not kept in a local data directory");
        var dataDirectory = Path.GetDirectoryName(documents.RootFolder) ?? documents.RootFolder;
        return new PacketLinkKey(ReadOrCreate(Path.Combine(dataDirectory, KeyFolderName, KeyFileName)));
    }

    public static byte[]? Decode(string base64)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            return key.Length >= PacketLinkKey.MinimumBytes ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temp, options))
        {
            file.Write(RandomNumberGenerator.GetBytes(PacketLinkKey.MinimumBytes));
            file.Flush(flushToDisk: true);
        }

        try
        {
            // Atomic and never over an existing key: when two processes race, the first key wins and both use it.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }

        return File.ReadAllBytes(path);
    }
}
