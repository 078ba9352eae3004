using System.Text.Json.Nodes;
using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir;

/// <summary>Small readers of FHIR datatypes and a writer that leaves empty values out of the canonical JSON.</summary>
internal static class FhirValues
{
    public const string Snomed = "http://snomed.info/sct";
    public const string Nucc = "http://nucc.org/provider-taxonomy";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Icd10 = "http://hl7.org/fhir/sid/icd-10";

    /// <summary>The YYYY-MM-DD part of a FHIR date or dateTime; null for a partial date (a year, a month).</summary>
    public static string? FullDate(string? value) =>
        value is { Length: >= 10 } && char.IsAsciiDigit(value[0]) && value[4] == '-' && value[7] == '-' ? value[..10] : null;

    public static string? DateOf(DataType? value) => value switch
    {
        FhirDateTime dateTime => FullDate(dateTime.Value),
        Date date => FullDate(date.Value),
        Period period => FullDate(period.Start),
        _ => null,
    };

    /// <summary>A coding's display from one of <paramref name="systems"/>, else the concept's text.</summary>
    public static string? Words(CodeableConcept? concept, params string[] systems)
    {
        if (concept is null)
        {
            return null;
        }

        var coded = concept.Coding.FirstOrDefault(c => systems.Contains(c.System) && !string.IsNullOrWhiteSpace(c.Display));
        return coded?.Display ?? NonEmpty(concept.Text) ?? concept.Coding.Select(c => NonEmpty(c.Display)).FirstOrDefault(d => d is not null);
    }

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static bool HasCode(CodeableConcept? concept, string system, params string[] codes) =>
        concept?.Coding.Any(c => c.System == system && codes.Contains(c.Code)) == true;

    public static void Put(JsonObject target, string name, string? value)
    {
        if (NonEmpty(value) is { } text)
        {
            target[name] = text;
        }
    }

    public static void Put(JsonObject target, string name, JsonNode? value)
    {
        if (value is JsonObject { Count: 0 } or JsonArray { Count: 0 } or null)
        {
            return;
        }

        target[name] = value;
    }

    public static JsonArray Strings(IEnumerable<string?> values) =>
        new(values.Select(NonEmpty).Where(v => v is not null).Distinct(StringComparer.Ordinal).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    public static string? StringExtension(DomainResource resource, string url) =>
        resource.GetExtension(url)?.Value switch
        {
            Code code => code.Value,
            FhirString text => text.Value,
            CodeableConcept concept => concept.Coding.FirstOrDefault()?.Code ?? concept.Text,
            Coding coding => coding.Code,
            _ => null,
        };

    public static string? FirstIdentifier(IEnumerable<Identifier> identifiers)
    {
        var list = identifiers.Where(i => !string.IsNullOrWhiteSpace(i.Value)).ToList();
        return (list.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.System)) ?? list.FirstOrDefault())?.Value?.Trim();
    }

    public static HumanName? BestName(IEnumerable<HumanName> names)
    {
        var list = names.ToList();
        return list.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? list.FirstOrDefault(n => n.Use != HumanName.NameUse.Old) ?? list.FirstOrDefault();
    }

    public static string? FullName(IEnumerable<HumanName> names)
    {
        var name = BestName(names);
        if (name is null)
        {
            return null;
        }

        return NonEmpty(name.Text) ?? NonEmpty(string.Join(' ', name.Prefix.Concat(name.Given).Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p))));
    }

    public static string? Telecom(IEnumerable<ContactPoint> telecom, ContactPoint.ContactPointSystem system)
    {
        var matching = telecom.Where(t => t.System == system && !string.IsNullOrWhiteSpace(t.Value)).ToList();
        return (matching.FirstOrDefault(t => t.Use == ContactPoint.ContactPointUse.Mobile) ?? matching.FirstOrDefault())?.Value?.Trim();
    }
}
