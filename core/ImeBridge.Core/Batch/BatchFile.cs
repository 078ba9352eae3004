using ImeBridge.Core.Model;

namespace ImeBridge.Core.Batch;

/// <summary>A batch file being processed.</summary>
/// <param name="Channel"><c>sftp</c> or <c>email</c>.</param>
/// <param name="FileName">As the partner named it; never logged.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hex: with the row number it makes each record's delivery id.</param>
public sealed record BatchFile(string Channel, string PartnerId, string FileName, string Sha256)
{
    /// <summary>
    /// Where the channel kept the file's bytes (the document store), when it did. Each accepted record then points at
    /// the file instead of keeping a copy of its own bytes, which roughly halves what the store writes per record;
    /// without it every record keeps its own. A rejected record always keeps its own bytes, for replay.
    /// </summary>
    public DocumentRef? Original { get; init; }
}
