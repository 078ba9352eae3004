namespace ImeBridge.Adapters.Email.Extraction;

/// <summary>Something in an email that is, or holds, referrals.</summary>
/// <param name="Kind">What it is; decides how the handler takes it in.</param>
/// <param name="Content">Canonical referral JSON (<see cref="ReferralCandidateKind.CanonicalJson"/> and
/// <see cref="ReferralCandidateKind.LabelledForm"/>), or the attachment's bytes (CSV, JSON Lines, FHIR).</param>
/// <param name="Attachment">The attachment it came from; null for a form read from the message text.</param>
public sealed record ReferralCandidate(ReferralCandidateKind Kind, ReadOnlyMemory<byte> Content, EmailAttachment? Attachment);

public enum ReferralCandidateKind
{
    /// <summary>A canonical referral JSON attachment (schemas/referral.v1.schema.json).</summary>
    CanonicalJson,

    /// <summary>A CSV attachment: one referral per row (core batch reader).</summary>
    Csv,

    /// <summary>A JSON Lines attachment: one canonical referral per line (core batch reader).</summary>
    JsonLines,

    /// <summary>A FHIR Bundle or resource, or FHIR NDJSON: mapped as the FHIR channel maps it, a record per ServiceRequest.</summary>
    Fhir,

    /// <summary>A labelled form in the message text (plain or HTML), turned into canonical JSON.</summary>
    LabelledForm,
}
