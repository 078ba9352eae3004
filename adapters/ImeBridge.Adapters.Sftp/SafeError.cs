using Renci.SshNet.Common;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// Describes an exception for a log line without its message when that message may quote a remote path (and so a
/// partner-chosen file name): SSH.NET and I/O errors are named by type only.
/// </summary>
internal static class SafeError
{
    public static string Describe(Exception ex) => ex switch
    {
        SshException or IOException or UnauthorizedAccessException => ex.GetType().Name,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
