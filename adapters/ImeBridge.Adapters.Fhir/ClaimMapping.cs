using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using static ImeBridge.Adapters.Fhir.FhirValues;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// reasonCode / reasonReference (Condition), insurance (Coverage, Claim) and the jurisdiction extension → claim.
/// claimNumber, lineOfBusiness and jurisdiction stay absent when no source has them: the core refuses the referral then,
/// naming the canonical field.
/// </summary>
internal static class ClaimMapping
{
    /// <summary>Extension (valueCode or valueString, a US state code) on ServiceRequest or Coverage.</summary>
    public const string JurisdictionExtension = "https://imebridge.example/fhir/StructureDefinition/jurisdiction";

    public static JsonObject Map(MappingContext context, Patient? patient)
    {
        var request = (ServiceRequest)context.ServiceRequest.Resource;
        var conditions = context.ResolveAll<Condition>(request.ReasonReference, context.ServiceRequest).Select(c => c.Resource).ToList();
        var diagnoses = request.ReasonCode.Concat(conditions.Select(c => c.Code)).OfType<CodeableConcept>().ToList();
        var coverages = context.ResolveAll<Coverage>(request.Insurance, context.ServiceRequest).Select(c => c.Resource).ToList();
        var claims = context.ResolveAll<Claim>(request.Insurance, context.ServiceRequest).Select(c => c.Resource).ToList();

        var claim = new JsonObject();
        Put(claim, "claimNumber", coverages.Select(c => FirstIdentifier(c.Identifier) ?? NonEmpty(c.SubscriberId)).FirstOrDefault(n => n is not null)
            ?? claims.Select(c => FirstIdentifier(c.Identifier)).FirstOrDefault(n => n is not null));
        Put(claim, "lineOfBusiness", coverages.Select(c => LineOfBusiness(c.Type)).FirstOrDefault(l => l is not null));
        Put(claim, "jurisdiction", Jurisdiction(request, coverages, patient, context.Options));
        Put(claim, "dateOfInjury", conditions.Select(c => DateOf(c.Onset)).FirstOrDefault(d => d is not null)
            ?? claims.Select(c => FullDate(c.Accident?.Date)).FirstOrDefault(d => d is not null));
        Put(claim, "injuryDescription", NonEmpty(string.Join("; ", diagnoses.Select(d => Words(d, Icd10Cm, Icd10, Snomed)).Where(w => w is not null).Distinct())));
        Put(claim, "bodyParts", Strings(conditions.SelectMany(c => c.BodySite).Select(site => Words(site, Snomed))));
        Put(claim, "icd10Codes", Strings(diagnoses.SelectMany(d => d.Coding).Where(c => c.System is Icd10Cm or Icd10).Select(c => Icd10Code(c.Code))));
        return claim;
    }

    private static string? Jurisdiction(ServiceRequest request, List<Coverage> coverages, Patient? patient, FhirMappingOptions options) =>
        UsStateNames.ToCode(StringExtension(request, JurisdictionExtension))
        ?? coverages.Select(c => UsStateNames.ToCode(StringExtension(c, JurisdictionExtension))).FirstOrDefault(s => s is not null)
        ?? UsStateNames.ToCode(options.DefaultJurisdiction)
        ?? ClaimantMapping.HomeState(patient);

    // v3 ActCode insurance policy codes and Source of Payment Typology (PHDSC) groups whose meaning is unambiguous.
    private static string? LineOfBusiness(CodeableConcept? type)
    {
        foreach (var coding in type?.Coding ?? [])
        {
            var code = coding.Code ?? string.Empty;
            var mapped = coding.System switch
            {
                "http://terminology.hl7.org/CodeSystem/v3-ActCode" => code switch
                {
                    "WCBPOL" => "workersComp",
                    "AUTOPOL" or "COL" or "UNINSMOT" => "auto",
                    "DIS" => "disability",
                    _ => null,
                },
                "https://nahdo.org/sopt" or "urn:oid:2.16.840.1.113883.3.221.5" =>
                    code.StartsWith("95", StringComparison.Ordinal) ? "workersComp" : code.StartsWith("96", StringComparison.Ordinal) ? "auto" : null,
                _ => null,
            };
            if (mapped is not null)
            {
                return mapped;
            }
        }

        return null;
    }

    // ICD-10-CM codes are often sent without the dot (S82201A); the canonical form has it after the category.
    private static string? Icd10Code(string? code)
    {
        var trimmed = NonEmpty(code)?.ToUpperInvariant();
        return trimmed is { Length: > 3 } && !trimmed.Contains('.', StringComparison.Ordinal) ? $"{trimmed[..3]}.{trimmed[3..]}" : trimmed;
    }
}
