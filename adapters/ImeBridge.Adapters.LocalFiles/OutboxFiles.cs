using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Adapters.LocalFiles;

/// <summary>
/// Writes one outbox file per message: named from the message id (so a retry of the same message keeps one file),
/// written to a temporary name and moved into place (so a reader never sees half a message).
/// </summary>
internal static class OutboxFiles
{
    public static string PathOf(string folder, string prefix, string messageId, string extension) =>
        Path.Combine(folder, prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..32] + extension);

    /// <summary>Writes <paramref name="render"/>'s text at <paramref name="path"/> unless a file is already there.</summary>
    public static async Task WriteOnceAsync(string path, Func<string> render, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            return;
        }

        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            await File.WriteAllTextAsync(temp, render(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
