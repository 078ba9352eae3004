using ImeBridge.Core.Batch;

namespace ImeBridge.Adapters.Sftp;

/// <summary>The parts of one <c>partners[i]</c> configuration entry the SFTP channel reads; other keys are ignored.</summary>
public sealed class SftpPartnerEntry
{
    public string? Id { get; set; }

    /// <summary>Null for a partner that does not deliver by SFTP.</summary>
    public SftpPartnerOptions? Sftp { get; set; }

    /// <summary>How the partner's CSV columns map to the canonical referral; null for the canonical columns.</summary>
    public CsvLayout? Csv { get; set; }
}
