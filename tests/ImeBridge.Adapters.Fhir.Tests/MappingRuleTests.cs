using System.Text.Json.Nodes;
using ImeBridge.Adapters.Fhir.Tests.Support;

namespace ImeBridge.Adapters.Fhir.Tests;

public sealed class MappingRuleTests
{
    private static JsonObject MapWith(Action<JsonObject> change)
    {
        var bundle = Kit.Transaction();
        change(bundle);
        return Kit.Canonical(Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle))));
    }

    [Fact]
    public void Jurisdiction_comes_from_the_coverage_extension_when_the_service_request_has_none()
    {
        var referral = MapWith(bundle =>
        {
            Kit.Entry(bundle, 0).Remove("extension");
            Kit.Entry(bundle, 3)["extension"] = new JsonArray(new JsonObject
            {
                ["url"] = "https://imebridge.example/fhir/StructureDefinition/jurisdiction",
                ["valueCode"] = "NJ",
            });
        });

        Assert.Equal("NJ", (string?)referral["claim"]!["jurisdiction"]);
    }

    [Fact]
    public void Jurisdiction_falls_back_to_the_patients_home_state_written_in_full()
    {
        var referral = MapWith(bundle =>
        {
            Kit.Entry(bundle, 0).Remove("extension");
            Kit.Entry(bundle, 1)["address"]![0]!["state"] = "Massachusetts";
        });

        Assert.Equal("MA", (string?)referral["claim"]!["jurisdiction"]);
        Assert.Equal("MA", (string?)referral["claimant"]!["address"]!["state"]);
    }

    [Theory]
    [InlineData("routine", "routine")]
    [InlineData("urgent", "expedited")]
    [InlineData("asap", "urgent")]
    [InlineData("stat", "urgent")]
    public void Priority_maps_onto_the_canonical_scale(string fhir, string canonical)
    {
        var referral = MapWith(bundle => Kit.Entry(bundle, 0)["priority"] = fhir);

        Assert.Equal(canonical, (string?)referral["request"]!["priority"]);
    }

    [Theory]
    [InlineData("Medical records review", "recordsReview")]
    [InlineData("IME addendum", "addendum")]
    [InlineData("Independent medical examination", "ime")]
    public void Exam_type_follows_the_service_requests_code(string text, string examType)
    {
        var referral = MapWith(bundle => Kit.Entry(bundle, 0)["code"] = new JsonObject { ["text"] = text });

        Assert.Equal(examType, (string?)referral["request"]!["examType"]);
    }

    [Theory]
    [InlineData("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AUTOPOL", "auto")]
    [InlineData("http://terminology.hl7.org/CodeSystem/v3-ActCode", "DIS", "disability")]
    [InlineData("https://nahdo.org/sopt", "951", "workersComp")]
    public void Line_of_business_comes_from_the_coverage_type(string system, string code, string lineOfBusiness)
    {
        var referral = MapWith(bundle => Kit.Entry(bundle, 3)["type"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }),
        });

        Assert.Equal(lineOfBusiness, (string?)referral["claim"]!["lineOfBusiness"]);
    }

    [Fact]
    public void A_practitioner_role_requester_gives_the_organization_and_the_contact()
    {
        var referral = MapWith(bundle =>
        {
            var entries = bundle["entry"]!.AsArray();
            entries.Add(new JsonObject
            {
                ["fullUrl"] = "urn:uuid:role",
                ["resource"] = new JsonObject
                {
                    ["resourceType"] = "PractitionerRole",
                    ["practitioner"] = new JsonObject { ["reference"] = "urn:uuid:adjuster" },
                    ["organization"] = new JsonObject { ["reference"] = "urn:uuid:8a1e0c7e-3f10-4b61-9d0b-5f7c2a1e0003" },
                    ["telecom"] = new JsonArray(new JsonObject { ["system"] = "email", ["value"] = "pnatarajan@acme-mutual.example" }),
                },
            });
            entries.Add(new JsonObject
            {
                ["fullUrl"] = "urn:uuid:adjuster",
                ["resource"] = new JsonObject
                {
                    ["resourceType"] = "Practitioner",
                    ["name"] = new JsonArray(new JsonObject { ["family"] = "Natarajan", ["given"] = new JsonArray("Priya") }),
                    ["telecom"] = new JsonArray(new JsonObject { ["system"] = "phone", ["value"] = "+15185550177" }),
                },
            });
            Kit.Entry(bundle, 0)["requester"] = new JsonObject { ["reference"] = "urn:uuid:role" };
        });

        var referrer = referral["referrer"]!;
        Assert.Equal("Acme Mutual Insurance Co.", (string?)referrer["organization"]);
        Assert.Equal("Priya Natarajan", (string?)referrer["contact"]!["name"]);
        Assert.Equal("pnatarajan@acme-mutual.example", (string?)referrer["contact"]!["email"]);
        Assert.Equal("+15185550177", (string?)referrer["contact"]!["phone"]);
    }

    [Fact]
    public void A_related_person_requester_gives_the_contact_and_the_partner_fills_the_organization()
    {
        var bundle = Kit.Transaction();
        bundle["entry"]![2]!["resource"] = new JsonObject
        {
            ["resourceType"] = "RelatedPerson",
            ["patient"] = new JsonObject { ["reference"] = "urn:uuid:8a1e0c7e-3f10-4b61-9d0b-5f7c2a1e0002" },
            ["name"] = new JsonArray(new JsonObject { ["text"] = "Marcus T. Bellweather" }),
        };

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));
        var read = Kit.ReadCanonical(result.ReferralJson!);

        Assert.True(read.IsValid, Kit.Describe(read.Errors));
        Assert.Equal("Marcus T. Bellweather", read.Referral!.Referrer.Contact!.Name);
        Assert.Equal("Demo Insurance Co.", read.Referral.Referrer.Organization);
    }

    [Fact]
    public void Reason_codes_on_the_service_request_give_icd10_codes_and_the_injury_description()
    {
        var referral = MapWith(bundle =>
        {
            Kit.Entry(bundle, 0).Remove("reasonReference");
            Kit.Entry(bundle, 0)["reasonCode"] = new JsonArray(new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://hl7.org/fhir/sid/icd-10-cm", ["code"] = "M54.5" }),
                ["text"] = "Low back pain after lifting",
            });
        });

        Assert.Equal(["M54.5"], referral["claim"]!["icd10Codes"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("Low back pain after lifting", (string?)referral["claim"]!["injuryDescription"]);
        Assert.Null(referral["claim"]!["dateOfInjury"]);
    }

    [Fact]
    public void An_attachment_given_only_by_url_waits_for_the_fetch_and_is_not_a_document_yet()
    {
        var referral = MapWith(bundle => Kit.Entry(bundle, 5)["content"]![0]!["attachment"] = new JsonObject
        {
            ["contentType"] = "application/pdf",
            ["url"] = "https://ehr.example/fhir/Binary/letter",
        });

        Assert.Null(referral["documents"]);
    }
}
