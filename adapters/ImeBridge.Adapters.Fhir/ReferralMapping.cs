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

    /// <summary>Extension key holding where the ServiceRequest lives on the partner's server (absolute URL or <c>ServiceRequest/id</c>).</summary>
    public const string ServiceRequestExtension = "fhir.serviceRequest";

    /// <summary>Extension key holding the ServiceRequest's first business identifier as <c>{system, value}</c>.</summary>
    public const string ServiceRequestIdentifierExtension = "fhir.serviceRequestIdentifier";

    public static FhirReferralResult Map(LocatedResource serviceRequest, string? serverLocation, ReferenceResolver resolver, FhirMappingOptions options)
    {
        var request = (ServiceRequest)serviceRequest.Resource;
        var context = new MappingContext(resolver, serviceRequest, options);

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
        Put(referral, "extensions", Extensions(request, serverLocation));

        var result = context.Errors.Count > 0
            ? FhirReferralResult.Refused(serviceRequest.Path, context.Errors)
            : new FhirReferralResult(serviceRequest.Path, JsonSerializer.SerializeToUtf8Bytes(referral, Compact), [], context.Attachments);
        return result with { ServiceRequest = Reference(request, serverLocation) };
    }

    private static FhirServiceRequestRef? Reference(ServiceRequest request, string? serverLocation)
    {
        var identifier = request.Identifier.Select(i => (System: NonEmpty(i.System), Value: NonEmpty(i.Value))).FirstOrDefault(i => i.Value is not null);
        return serverLocation is null && identifier.Value is null
            ? null
            : new FhirServiceRequestRef(serverLocation, identifier.System, identifier.Value, NonEmpty(request.Meta?.VersionId));
    }

    // What the status write-back needs to point its Task at the ServiceRequest on the partner's server.
    private static JsonObject? Extensions(ServiceRequest request, string? serverLocation)
    {
        var extensions = new JsonObject();
        Put(extensions, ServiceRequestExtension, serverLocation);
        var identifier = request.Identifier
            .Select(i => (System: NonEmpty(i.System), Value: NonEmpty(i.Value)))
            .FirstOrDefault(i => i.System is not null && i.Value is not null);
        if (identifier.System is not null)
        {
            extensions[ServiceRequestIdentifierExtension] = new JsonObject { ["system"] = identifier.System, ["value"] = identifier.Value };
        }

        return extensions.Count > 0 ? extensions : null;
    }
}
