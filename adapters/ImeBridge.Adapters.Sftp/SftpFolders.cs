namespace ImeBridge.Adapters.Sftp;

/// <summary>A partner's remote folders, defaults filled in, without trailing slashes.</summary>
public sealed record SftpFolders(string Inbound, string Processing, string Archive, string Error, string Ack)
{
    public static SftpFolders From(SftpPartnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inbound = Trim(options.InboundFolder ?? throw new InvalidOperationException("sftp.inboundFolder is not set."));
        return new SftpFolders(
            inbound,
            Folder(options.ProcessingFolder, inbound, "processing"),
            Folder(options.ArchiveFolder, inbound, "archive"),
            Folder(options.ErrorFolder, inbound, "error"),
            Folder(options.AckFolder, inbound, "ack"));
    }

    /// <summary><paramref name="folder"/>/<paramref name="name"/> as a remote POSIX path.</summary>
    public static string Combine(string folder, string name) => folder == "/" ? "/" + name : folder + "/" + name;

    private static string Folder(string? configured, string inbound, string child) =>
        string.IsNullOrWhiteSpace(configured) ? Combine(inbound, child) : Trim(configured);

    private static string Trim(string path)
    {
        var trimmed = path.Trim().TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }
}
