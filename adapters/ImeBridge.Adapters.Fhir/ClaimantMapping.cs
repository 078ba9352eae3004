using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using static ImeBridge.Adapters.Fhir.FhirValues;

namespace ImeBridge.Adapters.Fhir;

/// <summary>ServiceRequest.subject (a Patient) → claimant.</summary>
internal static class ClaimantMapping
{
    public static (JsonObject? Claimant, LocatedResource? Patient) Map(MappingContext context)
    {
        var request = (ServiceRequest)context.ServiceRequest.Resource;
        var subjectPath = context.ServiceRequest.At("subject");
        if (request.Subject is null)
        {
            context.Errors.Add(FhirErrorReasons.Required(subjectPath, "the Patient to be examined"));
            return (null, null);
        }

        var located = context.Resolve(request.Subject, context.ServiceRequest);
        if (located is null)
        {
            context.Errors.Add(FhirErrorReasons.NotFound(subjectPath, "the Patient must be in the Bundle, contained in the ServiceRequest, or on the partner's FHIR server when one is configured"));
            return (null, null);
        }

        if (located.Resource is not Patient patient)
        {
            context.Errors.Add(FhirErrorReasons.Invalid(subjectPath, "must reference a Patient"));
            return (null, null);
        }

        var claimant = new JsonObject();
        MapName(patient, located, claimant, context);
        var birthDate = FullDate(patient.BirthDate);
        if (birthDate is null)
        {
            context.Errors.Add(patient.BirthDate is null
                ? FhirErrorReasons.Required(located.At("birthDate"), "the claimant's date of birth")
                : FhirErrorReasons.Invalid(located.At("birthDate"), "must be a full date (YYYY-MM-DD)"));
        }

        Put(claimant, "dateOfBirth", birthDate);
        Put(claimant, "sex", patient.Gender switch
        {
            AdministrativeGender.Female => "female",
            AdministrativeGender.Male => "male",
            AdministrativeGender.Other => "other",
            AdministrativeGender.Unknown => "unknown",
            _ => null,
        });
        Put(claimant, "phone", Telecom(patient.Telecom, ContactPoint.ContactPointSystem.Phone));
        Put(claimant, "email", Telecom(patient.Telecom, ContactPoint.ContactPointSystem.Email));
        Put(claimant, "address", MapAddress(patient.Address));
        Put(claimant, "preferredLanguage", PreferredLanguage(patient));
        return (claimant, located);
    }

    public static string? HomeState(Patient? patient) =>
        patient is null ? null : UsStateNames.ToCode(BestAddress(patient.Address)?.State);

    private static void MapName(Patient patient, LocatedResource located, JsonObject claimant, MappingContext context)
    {
        var name = BestName(patient.Name);
        if (name is null)
        {
            context.Errors.Add(FhirErrorReasons.Required(located.At("name"), "the claimant's name"));
            return;
        }

        var index = patient.Name.IndexOf(name);
        var given = name.Given.Where(g => !string.IsNullOrWhiteSpace(g)).ToList();
        if (given.Count == 0)
        {
            context.Errors.Add(FhirErrorReasons.Required(located.At($"name[{index}].given"), "the claimant's given name"));
        }

        if (string.IsNullOrWhiteSpace(name.Family))
        {
            context.Errors.Add(FhirErrorReasons.Required(located.At($"name[{index}].family"), "the claimant's family name"));
        }

        Put(claimant, "firstName", given.FirstOrDefault());
        Put(claimant, "middleName", given.Count > 1 ? string.Join(' ', given.Skip(1)) : null);
        Put(claimant, "lastName", name.Family);
    }

    private static Address? BestAddress(List<Address> addresses) =>
        addresses.FirstOrDefault(a => a.Use == Address.AddressUse.Home) ?? addresses.FirstOrDefault(a => a.Use != Address.AddressUse.Old) ?? addresses.FirstOrDefault();

    private static JsonObject? MapAddress(List<Address> addresses)
    {
        var address = BestAddress(addresses);
        if (address is null)
        {
            return null;
        }

        var lines = address.Line.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var mapped = new JsonObject();
        Put(mapped, "line1", lines.FirstOrDefault());
        Put(mapped, "line2", lines.Count > 1 ? string.Join(", ", lines.Skip(1)) : null);
        Put(mapped, "city", address.City);
        Put(mapped, "state", UsStateNames.ToCode(address.State) ?? address.State);
        Put(mapped, "postalCode", address.PostalCode);
        return mapped;
    }

    private static string? PreferredLanguage(Patient patient)
    {
        var communication = patient.Communication.FirstOrDefault(c => c.Preferred == true) ?? patient.Communication.FirstOrDefault();
        var language = communication?.Language;
        return language?.Coding.FirstOrDefault(c => c.System == "urn:ietf:bcp:47")?.Code ?? language?.Coding.FirstOrDefault()?.Code;
    }
}
