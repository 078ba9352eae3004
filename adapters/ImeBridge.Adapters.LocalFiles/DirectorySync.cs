using System.Runtime.InteropServices;

namespace ImeBridge.Adapters.LocalFiles;

/// <summary>
/// Makes a directory's entries durable (a rename or a new file survives power loss) by fsync-ing the directory.
/// POSIX only; on Windows NTFS journals the metadata and a directory cannot be opened for flushing, so it is a no-op.
/// </summary>
internal static partial class DirectorySync
{
    /// <summary>O_RDONLY, the same on every POSIX system (O_DIRECTORY differs between architectures, and is not needed).</summary>
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open a document folder to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Could not flush a document folder (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
