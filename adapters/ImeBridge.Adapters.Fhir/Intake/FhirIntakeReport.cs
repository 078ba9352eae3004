using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Fhir.Intake;

/// <summary>What became of each ServiceRequest of one FHIR input.</summary>
public sealed record FhirIntakeReport(IReadOnlyList<FhirTaken> Items)
{
    public int Accepted => Items.Count(i => i.ReferralId is not null && !i.Duplicate);

    public int Duplicates => Items.Count(i => i.Duplicate);

    public int Refused => Items.Count(i => i.ReferralId is null);
}

/// <summary>
/// One ServiceRequest: taken in as <paramref name="ReferralId"/> (perhaps a <paramref name="Duplicate"/> of an earlier
/// delivery), or refused by the FHIR mapping (<paramref name="RefusedByMapping"/>) or by the canonical rules, with every
/// error; <paramref name="RejectionId"/> is set when the refusal was kept for an operator.
/// </summary>
public sealed record FhirTaken(
    string ServiceRequestPath,
    string? ReferralId,
    bool Duplicate,
    IReadOnlyList<FieldError> Errors,
    bool RefusedByMapping,
    string? RejectionId);
