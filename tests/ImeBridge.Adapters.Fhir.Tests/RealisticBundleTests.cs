using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using ImeBridge.Adapters.Fhir.Tests.Support;

namespace ImeBridge.Adapters.Fhir.Tests;

public sealed class RealisticBundleTests
{
    [Fact]
    public void Transaction_bundle_maps_every_field_to_the_canonical_referral()
    {
        var result = Kit.Single(FhirReferralReader.Read(Kit.FixtureBytes("referral-transaction.json")));
        var referral = Kit.Canonical(result);

        Assert.Equal("Bundle.entry[0].resource", result.ServiceRequestPath);
        Assert.Null(referral["referralId"]);
        Assert.Null(referral["status"]);
        Assert.Equal("fhir", (string?)referral["source"]!["channel"]);
        Assert.Equal("ACME-2026-000123", (string?)referral["source"]!["externalId"]);

        Assert.Equal("Acme Mutual Insurance Co.", (string?)referral["referrer"]!["organization"]);
        Assert.Null(referral["referrer"]!["kind"]);

        var claimant = referral["claimant"]!;
        Assert.Equal("Daniel", (string?)claimant["firstName"]);
        Assert.Equal("R.", (string?)claimant["middleName"]);
        Assert.Equal("Okonkwo-Whitfield", (string?)claimant["lastName"]);
        Assert.Equal("1981-07-14", (string?)claimant["dateOfBirth"]);
        Assert.Equal("male", (string?)claimant["sex"]);
        Assert.Equal("+1 518 555 0142", (string?)claimant["phone"]);
        Assert.Equal("d.okonkwo.whitfield@example.net", (string?)claimant["email"]);
        Assert.Equal("418 Delaware Avenue", (string?)claimant["address"]!["line1"]);
        Assert.Equal("Apt 3B", (string?)claimant["address"]!["line2"]);
        Assert.Equal("Albany", (string?)claimant["address"]!["city"]);
        Assert.Equal("NY", (string?)claimant["address"]!["state"]);
        Assert.Equal("12209", (string?)claimant["address"]!["postalCode"]);
        Assert.Equal("en-US", (string?)claimant["preferredLanguage"]);

        var claim = referral["claim"]!;
        Assert.Equal("WC-NY-2026-0048213", (string?)claim["claimNumber"]);
        Assert.Equal("workersComp", (string?)claim["lineOfBusiness"]);
        Assert.Equal("NY", (string?)claim["jurisdiction"]);
        Assert.Equal("2026-02-09", (string?)claim["dateOfInjury"]);
        Assert.Equal("Unspecified fracture of shaft of right tibia, initial encounter", (string?)claim["injuryDescription"]);
        Assert.Equal(["right knee", "right lower leg"], claim["bodyParts"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["S82.201A"], claim["icd10Codes"]!.AsArray().Select(n => (string?)n));

        var request = referral["request"]!;
        Assert.Equal("ime", (string?)request["examType"]);
        Assert.Equal("Orthopaedic Surgery", (string?)request["specialty"]);
        Assert.Equal("2026-07-15", (string?)request["dueDate"]);
        Assert.Equal("expedited", (string?)request["priority"]);
        Assert.Equal(
            ["Is the right tibial fracture causally related to the work incident?", "Has the claimant reached maximum medical improvement?"],
            request["questions"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["Claimant walks with a cane; ground-floor office please."], referral["notes"]!.AsArray().Select(n => (string?)n));

        var pdf = Kit.FixtureBytes("referral-letter.pdf");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var document = Assert.Single(referral["documents"]!.AsArray())!;
        Assert.Equal("referralLetter", (string?)document["kind"]);
        Assert.Equal("IME-referral-letter.pdf", (string?)document["fileName"]);
        Assert.Equal("application/pdf", (string?)document["contentType"]);
        Assert.Equal(pdf.Length, (long)document["size"]!);
        Assert.Equal(sha256, (string?)document["sha256"]);
        var attachment = Assert.Single(result.Attachments);
        Assert.Equal(sha256, attachment.Sha256);
        Assert.Equal(pdf, attachment.Content.ToArray());
    }

    [Fact]
    public void Transaction_bundle_output_is_a_valid_canonical_referral_for_the_core()
    {
        var result = Kit.Single(FhirReferralReader.Read(Kit.FixtureBytes("referral-transaction.json")));

        var read = Kit.ReadCanonical(result.ReferralJson!);

        Assert.True(read.IsValid, Kit.Describe(read.Errors));
        Assert.Equal("+15185550142", read.Referral!.Claimant.Phone);
        Assert.Equal("insurer", read.Referral.Referrer.Kind);
        Assert.Equal("demo", read.Referral.Source.PartnerId);
    }

    [Fact]
    public void The_same_bundle_as_xml_gives_the_same_referral()
    {
        var json = Kit.FixtureBytes("referral-transaction.json");
        var bundle = new FhirJsonDeserializer().DeserializeResource(Encoding.UTF8.GetString(json));
        var xml = Encoding.UTF8.GetBytes(bundle.ToXml());

        var fromXml = Kit.Single(FhirReferralReader.Read(xml));
        var fromXmlDeclared = Kit.Single(FhirReferralReader.Read(xml, FhirFormat.Xml));
        var fromJson = Kit.Single(FhirReferralReader.Read(json));

        Assert.True(JsonNode.DeepEquals(Kit.Canonical(fromJson), Kit.Canonical(fromXml)));
        Assert.True(JsonNode.DeepEquals(Kit.Canonical(fromJson), Kit.Canonical(fromXmlDeclared)));
    }

    [Fact]
    public void Bare_service_request_with_contained_patient_condition_and_organization_maps()
    {
        var bundle = Kit.Transaction();
        var request = Kit.Entry(bundle, 0);
        var patient = Kit.Entry(bundle, 1).DeepClone().AsObject();
        patient["id"] = "pat";
        var organization = Kit.Entry(bundle, 2).DeepClone().AsObject();
        organization["id"] = "org";
        var condition = Kit.Entry(bundle, 4).DeepClone().AsObject();
        condition["id"] = "injury";
        condition["subject"] = new JsonObject { ["reference"] = "#pat" };
        request["contained"] = new JsonArray(patient, organization, condition);
        request["subject"] = new JsonObject { ["reference"] = "#pat" };
        request["requester"] = new JsonObject { ["reference"] = "#org" };
        request["reasonReference"] = new JsonArray(new JsonObject { ["reference"] = "#injury" });
        request.Remove("insurance");
        request.Remove("supportingInfo");
        request.Remove("extension");

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(request)));
        var referral = Kit.Canonical(result);

        Assert.Equal("ServiceRequest", result.ServiceRequestPath);
        Assert.Equal("Okonkwo-Whitfield", (string?)referral["claimant"]!["lastName"]);
        Assert.Equal("Acme Mutual Insurance Co.", (string?)referral["referrer"]!["organization"]);
        Assert.Equal("2026-02-09", (string?)referral["claim"]!["dateOfInjury"]);
        Assert.Equal("NY", (string?)referral["claim"]!["jurisdiction"]); // from the Patient's address, no extension now
        Assert.Null(referral["claim"]!["claimNumber"]);
        var read = Kit.ReadCanonical(result.ReferralJson!);
        Assert.Contains(read.Errors, e => e.Path == "claim.claimNumber");
    }

    [Fact]
    public void Relative_references_resolve_by_type_and_id()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 1)["id"] = "p1";
        bundle["entry"]![1]!["fullUrl"] = "https://ehr.example/fhir/Patient/p1";
        Kit.Entry(bundle, 0)["subject"] = new JsonObject { ["reference"] = "Patient/p1" };

        var referral = Kit.Canonical(Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle))));

        Assert.Equal("Daniel", (string?)referral["claimant"]!["firstName"]);
    }
}
