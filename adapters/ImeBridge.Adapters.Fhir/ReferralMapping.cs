using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using static ImeBridge.Adapters.Fhir.FhirValues;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// The FHIR R4 → canonical referral mapping, section by section (documented as a table in docs/fhir-mapping.md).
/// Produces the partner-body shape: no referralId or status; source.partnerId and referrer.kind come from the partner
/// when the core reads it.
/// </summary>
internal static class ReferralMapping
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static FhirReferralResult Map(LocatedResource serviceRequest, ReferenceResolver resolver)
    {
        var request = (ServiceRequest)serviceRequest.Resource;
        var context = new MappingContext(resolver, serviceRequest);

        var source = new JsonObject { ["channel"] = "fhir" };
        var externalId = FirstIdentifier(request.Identifier) ?? NonEmpty(request.Id);
        if (externalId is null)
        {
            context.Errors.Add(FhirErrorReasons.Required(serviceRequest.At("identifier"), "an identifier or a resource id (the partner's referral id)"));
        }

        Put(source, "externalId", externalId);
        var (claimant, patient) = ClaimantMapping.Map(context);

        var referral = new JsonObject
        {
            ["source"] = source,
            ["referrer"] = ReferrerMapping.Map(context),
            ["claimant"] = claimant ?? [],
            ["claim"] = ClaimMapping.Map(context, patient?.Resource as Patient),
            ["request"] = RequestMapping.Map(context),
        };
        Put(referral, "documents", DocumentMapping.Map(context));
        Put(referral, "notes", Strings([request.PatientInstruction]));

        return context.Errors.Count > 0
            ? FhirReferralResult.Refused(serviceRequest.Path, context.Errors)
            : new FhirReferralResult(serviceRequest.Path, JsonSerializer.SerializeToUtf8Bytes(referral, Compact), [], context.Attachments);
    }
}
