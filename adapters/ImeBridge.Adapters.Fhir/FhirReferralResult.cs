using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// One ServiceRequest read from a FHIR input: either the canonical referral JSON (partner-body shape, UTF-8) or every
/// error found, each at a FHIRPath expression. <paramref name="ServiceRequestPath"/> says which ServiceRequest it was
/// (<c>ServiceRequest</c>, <c>Bundle.entry[2].resource</c>); it is empty when the input holds no ServiceRequest or could not be read.
/// </summary>
public sealed record FhirReferralResult(
    string ServiceRequestPath,
    byte[]? ReferralJson,
    IReadOnlyList<FieldError> Errors,
    IReadOnlyList<FhirInlineAttachment> Attachments)
{
    public bool IsReferral => ReferralJson is not null && Errors.Count == 0;

    /// <summary>Where the ServiceRequest lives on the sender's server and which version this was; null when it carries no id.</summary>
    public FhirServiceRequestRef? ServiceRequest { get; init; }

    internal static FhirReferralResult Refused(string serviceRequestPath, IReadOnlyList<FieldError> errors) =>
        new(serviceRequestPath, null, errors, []);
}

/// <summary>
/// How a ServiceRequest is known on the sender's server: <paramref name="Location"/> (an absolute URL or
/// <c>ServiceRequest/id</c>), its first business identifier, and the version read (<c>meta.versionId</c>).
/// </summary>
public sealed record FhirServiceRequestRef(string? Location, string? IdentifierSystem, string? IdentifierValue, string? VersionId)
{
    /// <summary>A delivery id that names this version of this ServiceRequest; null when it has neither location nor identifier.</summary>
    public string? DeliveryId
    {
        get
        {
            var name = Location ?? (IdentifierValue is null ? null : $"{IdentifierSystem}|{IdentifierValue}");
            return name is null ? null : VersionId is null ? name : $"{name}/_history/{VersionId}";
        }
    }
}

/// <summary>The bytes of an attachment sent inline, keyed by the SHA-256 the referral's document carries.</summary>
public sealed record FhirInlineAttachment(string Sha256, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>The results of one NDJSON line (1-based <paramref name="LineNumber"/>).</summary>
public sealed record FhirNdjsonLineResult(int LineNumber, IReadOnlyList<FhirReferralResult> Results);
