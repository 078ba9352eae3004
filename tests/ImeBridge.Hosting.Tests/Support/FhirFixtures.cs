using System.Text.Json.Nodes;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>
/// Small R4 resources as a partner's FHIR server holds them: one Patient (living in New Jersey), her workers' comp
/// Coverage, and ServiceRequests that reference both by relative reference.
/// </summary>
internal static class FhirFixtures
{
    public const string GivenName = "Marisol";
    public const string FamilyName = "Quintanilla-Ashworth";
    public const string BirthDate = "1984-09-23";
    public const string Phone = "(201) 555-0163";
    public const string PhoneE164 = "+12015550163";
    public const string Email = "marisol.qa@example.net";
    public const string Street = "77 Garden Street";
    public const string ClaimNumber = "WC-NJ-2026-31877";
    public const string ReferralSystem = "https://acme-insurance.example/fhir/referrals";

    /// <summary>The Patient's personal data, which must never reach a log.</summary>
    public static IReadOnlyList<string> Phi => [GivenName, FamilyName, BirthDate, Phone, PhoneE164, Email, Street];

    public static JsonObject Patient(string id = "p1") => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["meta"] = new JsonObject { ["versionId"] = "3", ["lastUpdated"] = "2026-11-18T16:02:11Z" },
        ["identifier"] = new JsonArray(new JsonObject { ["system"] = "https://acme-insurance.example/fhir/claimants", ["value"] = "CLM-448213" }),
        ["name"] = new JsonArray(new JsonObject { ["use"] = "official", ["family"] = FamilyName, ["given"] = new JsonArray(GivenName) }),
        ["telecom"] = new JsonArray(
            new JsonObject { ["system"] = "phone", ["value"] = Phone, ["use"] = "mobile" },
            new JsonObject { ["system"] = "email", ["value"] = Email }),
        ["gender"] = "female",
        ["birthDate"] = BirthDate,
        ["address"] = new JsonArray(new JsonObject
        {
            ["use"] = "home",
            ["line"] = new JsonArray(Street),
            ["city"] = "Hoboken",
            ["state"] = "NJ",
            ["postalCode"] = "07030",
        }),
    };

    public static JsonObject Coverage(string id = "c1") => new()
    {
        ["resourceType"] = "Coverage",
        ["id"] = id,
        ["status"] = "active",
        ["identifier"] = new JsonArray(new JsonObject { ["system"] = "https://acme-insurance.example/fhir/claims", ["value"] = ClaimNumber }),
        ["type"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject
            {
                ["system"] = "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                ["code"] = "WCBPOL",
                ["display"] = "workers compensation policy",
            }),
        },
        ["beneficiary"] = new JsonObject { ["reference"] = "Patient/p1" },
        ["payor"] = new JsonArray(new JsonObject { ["display"] = "Acme Insurance Co." }),
    };

    /// <summary>An IME order for the Patient, by reference only: <paramref name="subject"/> and <paramref name="coverage"/> live on the server.</summary>
    public static JsonObject ServiceRequest(
        string id,
        string lastUpdated = "2026-11-20T09:00:00Z",
        string subject = "Patient/p1",
        string? coverage = "Coverage/c1",
        string? identifierValue = null)
    {
        var request = new JsonObject
        {
            ["resourceType"] = "ServiceRequest",
            ["id"] = id,
            ["meta"] = new JsonObject { ["versionId"] = "1", ["lastUpdated"] = lastUpdated },
            ["identifier"] = new JsonArray(new JsonObject { ["system"] = ReferralSystem, ["value"] = identifierValue ?? "ACME-" + id.ToUpperInvariant() }),
            ["status"] = "active",
            ["intent"] = "order",
            ["priority"] = "routine",
            ["code"] = new JsonObject { ["text"] = "Independent medical examination" },
            ["performerType"] = new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "394801008", ["display"] = "Trauma and orthopedics" }),
            },
            ["subject"] = new JsonObject { ["reference"] = subject },
            ["authoredOn"] = "2026-11-19",
            ["note"] = new JsonArray(new JsonObject { ["text"] = "Is the lumbar strain causally related to the lifting incident?" }),
        };
        if (coverage is not null)
        {
            request["insurance"] = new JsonArray(new JsonObject { ["reference"] = coverage });
        }

        return request;
    }

    /// <summary>A searchset page of <paramref name="resources"/>, each with its full URL on the server, and a next link when given.</summary>
    public static JsonObject SearchPage(string baseUrl, string? next, params JsonObject[] resources)
    {
        var entries = new JsonArray();
        foreach (var resource in resources)
        {
            entries.Add(new JsonObject
            {
                ["fullUrl"] = $"{baseUrl}{resource["resourceType"]}/{resource["id"]}",
                ["resource"] = resource.DeepClone(),
                ["search"] = new JsonObject { ["mode"] = "match" },
            });
        }

        var links = new JsonArray(new JsonObject { ["relation"] = "self", ["url"] = baseUrl + "ServiceRequest" });
        if (next is not null)
        {
            links.Add(new JsonObject { ["relation"] = "next", ["url"] = next });
        }

        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = resources.Length, ["link"] = links, ["entry"] = entries };
    }

    /// <summary>A minimal PDF (a referral letter), as bytes.</summary>
    public static byte[] Pdf(string text) => System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n");
}
