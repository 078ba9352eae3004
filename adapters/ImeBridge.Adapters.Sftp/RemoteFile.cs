using Renci.SshNet.Sftp;

namespace ImeBridge.Adapters.Sftp;

/// <summary>A regular file seen in a remote folder listing.</summary>
internal sealed record RemoteFile(string Name, string FullName, long Size, DateTime LastWriteUtc)
{
    public static RemoteFile From(ISftpFile file) => new(file.Name, file.FullName, file.Length, file.LastWriteTimeUtc);
}
