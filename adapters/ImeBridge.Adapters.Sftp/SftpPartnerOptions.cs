using System.Diagnostics.CodeAnalysis;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// One partner's SFTP drop folder, bound from <c>partners[i].sftp</c>. Folders are remote POSIX paths; the
/// processing, archive, error and ack folders default to sub-folders of <see cref="InboundFolder"/>.
/// </summary>
public sealed class SftpPartnerOptions
{
    public const int DefaultPort = 22;

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan DefaultStableFor = TimeSpan.FromSeconds(5);

    public static readonly IReadOnlyList<string> DefaultFilePatterns = ["*.csv", "*.jsonl", "*.ndjson"];

    public string? Host { get; set; }

    public int Port { get; set; } = DefaultPort;

    public string? Username { get; set; }

    /// <summary>An OpenSSH or PEM private key file; exactly one of this and <see cref="Password"/>.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The passphrase of <see cref="PrivateKeyFile"/>, when it has one.</summary>
    public string? PrivateKeyPassphrase { get; set; }

    public string? Password { get; set; }

    /// <summary>The pinned host key as <c>ssh-keygen -lf</c> prints it (<c>SHA256:&lt;base64&gt;</c>); the prefix is optional.</summary>
    public string? HostKeySha256 { get; set; }

    public string? InboundFolder { get; set; }

    /// <summary>File name globs (<c>*</c>, <c>?</c>, case-insensitive); <see cref="DefaultFilePatterns"/> when empty.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    [SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Bound from configuration.")]
    public List<string>? FilePatterns { get; set; }

    public TimeSpan PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>When set, a file is ready once <c>&lt;name&gt;.done</c> exists beside it (the marker is deleted when used).</summary>
    public bool DoneMarker { get; set; }

    /// <summary>
    /// Without <see cref="DoneMarker"/>: how long a file's size and modification time must stay unchanged, across
    /// polls, before it is taken. Zero takes a file on first sight (for partners who upload and then rename).
    /// </summary>
    public TimeSpan StableFor { get; set; } = DefaultStableFor;

    public string? AckFolder { get; set; }

    public string? ProcessingFolder { get; set; }

    public string? ArchiveFolder { get; set; }

    public string? ErrorFolder { get; set; }

    internal IReadOnlyList<string> EffectiveFilePatterns =>
        FilePatterns is { Count: > 0 } ? FilePatterns : DefaultFilePatterns;
}
