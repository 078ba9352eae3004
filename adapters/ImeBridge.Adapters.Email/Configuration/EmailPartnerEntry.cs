using System.Diagnostics.CodeAnalysis;
using ImeBridge.Core.Batch;

namespace ImeBridge.Adapters.Email.Configuration;

/// <summary>The parts of one <c>partners[i]</c> configuration entry the email channel reads; other keys are ignored.</summary>
public sealed class EmailPartnerEntry
{
    public string? Id { get; set; }

    /// <summary>Null for a partner that does not send referrals by email.</summary>
    public PartnerEmailOptions? Email { get; set; }

    /// <summary>How the partner's CSV columns map to the canonical referral (shared with SFTP); null for canonical columns.</summary>
    public CsvLayout? Csv { get; set; }
}

/// <summary><c>partners[i].email</c>: the senders whose mail is this partner's. An exact address wins over a domain.</summary>
[SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
[SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Bound from configuration.")]
public sealed class PartnerEmailOptions
{
    /// <summary>Sender addresses, e.g. <c>claims-intake@acme.example</c> (case-insensitive).</summary>
    public List<string> Senders { get; set; } = [];

    /// <summary>Sender domains, e.g. <c>acme.example</c>: any address at exactly that domain (not its subdomains).</summary>
    public List<string> Domains { get; set; } = [];
}
