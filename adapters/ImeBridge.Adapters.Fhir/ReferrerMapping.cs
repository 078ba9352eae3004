using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using static ImeBridge.Adapters.Fhir.FhirValues;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// ServiceRequest.requester → referrer.organization and referrer.contact. referrer.kind is left out: the core fills it
/// (and the organisation, when no Organization is sent) from the partner.
/// </summary>
internal static class ReferrerMapping
{
    public static JsonObject Map(MappingContext context)
    {
        var request = (ServiceRequest)context.ServiceRequest.Resource;
        var referrer = new JsonObject();
        var requester = context.Resolve(request.Requester, context.ServiceRequest);
        switch (requester?.Resource)
        {
            case Organization organization:
                Put(referrer, "organization", organization.Name);
                break;
            case Practitioner practitioner:
                Put(referrer, "contact", Contact(practitioner.Name, practitioner.Telecom));
                break;
            case PractitionerRole role:
                Put(referrer, "organization", (context.Resolve(role.Organization, requester)?.Resource as Organization)?.Name ?? role.Organization?.Display);
                var person = context.Resolve(role.Practitioner, requester)?.Resource as Practitioner;
                Put(referrer, "contact", Contact(person?.Name ?? [], role.Telecom.Concat(person?.Telecom ?? [])));
                break;
            case RelatedPerson related:
                Put(referrer, "contact", Contact(related.Name, related.Telecom));
                break;
        }

        return referrer;
    }

    private static JsonObject Contact(IEnumerable<HumanName> names, IEnumerable<ContactPoint> telecom)
    {
        var points = telecom.ToList();
        var contact = new JsonObject();
        Put(contact, "name", FullName(names));
        Put(contact, "email", Telecom(points, ContactPoint.ContactPointSystem.Email));
        Put(contact, "phone", Telecom(points, ContactPoint.ContactPointSystem.Phone));
        return contact;
    }
}
