namespace ImeBridge.Core.Workflow.Documents;

/// <summary>The <c>documents</c> configuration section (validated at start-up by the host).</summary>
public sealed class DocumentsOptions
{
    public const string Section = "documents";

    public static readonly TimeSpan DefaultLinkLifetime = TimeSpan.FromDays(14);

    public const long DefaultMaxUploadBytes = 50L * 1024 * 1024;

    public const int DefaultMaxFilesPerUpload = 20;

    /// <summary>How long a packet link works after it is issued.</summary>
    public TimeSpan LinkLifetime { get; set; } = DefaultLinkLifetime;

    /// <summary>
    /// The HMAC-SHA256 key that signs packet links, base64, at least 32 bytes. When not set, the embedded host keeps a
    /// random key in <c>&lt;data&gt;/keys/packet-links.key</c>. Changing it retires every link issued with the old one.
    /// </summary>
    public string? LinkKey { get; set; }

    /// <summary>The largest upload request accepted, in bytes (all files together); larger gets 413.</summary>
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    public int MaxFilesPerUpload { get; set; } = DefaultMaxFilesPerUpload;

    /// <summary>The public origin links are built on (<c>https://imebridge.example.com</c>); the request's own when not set.</summary>
    public string? PublicBaseUrl { get; set; }
}
