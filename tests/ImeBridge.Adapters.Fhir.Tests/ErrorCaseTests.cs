using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Adapters.Fhir.Tests.Support;

namespace ImeBridge.Adapters.Fhir.Tests;

public sealed class ErrorCaseTests
{
    [Fact]
    public void Not_fhir_at_all_is_refused_without_echoing_the_input()
    {
        var result = Kit.Single(FhirReferralReader.Read(Encoding.UTF8.GetBytes("Daniel Okonkwo-Whitfield, 1981-07-14")));

        Assert.False(result.IsReferral);
        Assert.Contains("not FHIR", Assert.Single(result.Errors).Reason, StringComparison.Ordinal);
        Kit.AssertNoPhi(result.Errors);
    }

    [Fact]
    public void Malformed_json_is_refused_with_its_line_and_position_only()
    {
        var result = Kit.Single(FhirReferralReader.Read(Encoding.UTF8.GetBytes("{\n  \"resourceType\": \"Patient\",\n  \"name\": [{\"family\": \"Okonkwo\" ]\n}")));

        var reason = Assert.Single(result.Errors).Reason;
        Assert.Contains("line 3", reason, StringComparison.Ordinal);
        Kit.AssertNoPhi(result.Errors);
    }

    [Fact]
    public void Malformed_xml_is_refused_with_its_line_and_position_only()
    {
        var xml = "<Patient xmlns=\"http://hl7.org/fhir\">\n<name><family value=\"Okonkwo\"/></nam>\n</Patient>";

        var result = Kit.Single(FhirReferralReader.Read(Encoding.UTF8.GetBytes(xml)));

        var reason = Assert.Single(result.Errors).Reason;
        Assert.Contains("line 2", reason, StringComparison.Ordinal);
        Kit.AssertNoPhi(result.Errors);
    }

    [Fact]
    public void Unknown_resource_type_is_refused_as_invalid_fhir()
    {
        var result = Kit.Single(FhirReferralReader.Read(Encoding.UTF8.GetBytes("{\"resourceType\":\"Referral\",\"claimant\":\"Daniel\"}")));

        Assert.False(result.IsReferral);
        Assert.NotEmpty(result.Errors);
        Kit.AssertNoPhi(result.Errors);
    }

    [Fact]
    public void A_resource_that_is_neither_service_request_nor_bundle_is_refused()
    {
        var patient = Kit.Entry(Kit.Transaction(), 1);

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(patient)));

        Assert.Equal("is not a ServiceRequest or Bundle", Kit.ReasonAt(result.Errors, "Patient"));
    }

    [Fact]
    public void A_bundle_without_a_service_request_is_refused()
    {
        var bundle = Kit.Transaction();
        bundle["entry"]!.AsArray().RemoveAt(0);

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));

        Assert.StartsWith("is required", Kit.ReasonAt(result.Errors, "Bundle.entry"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_request_without_subject_is_refused_at_its_subject()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 0).Remove("subject");

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));

        Assert.StartsWith("is required", Kit.ReasonAt(result.Errors, "Bundle.entry[0].resource.subject"), StringComparison.Ordinal);
        Assert.Null(result.ReferralJson);
    }

    [Fact]
    public void A_bare_service_request_without_subject_is_refused_at_ServiceRequest_subject()
    {
        var request = Kit.Entry(Kit.Transaction(), 0);
        request.Remove("subject");

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(request)));

        Assert.StartsWith("is required", Kit.ReasonAt(result.Errors, "ServiceRequest.subject"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_subject_that_does_not_resolve_is_refused_as_not_found()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 0)["subject"] = new JsonObject { ["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000000" };

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));

        Assert.StartsWith("does not resolve", Kit.ReasonAt(result.Errors, "Bundle.entry[0].resource.subject"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_patient_without_a_name_is_refused_at_the_patients_name()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 1).Remove("name");

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));

        Assert.StartsWith("is required", Kit.ReasonAt(result.Errors, "Bundle.entry[1].resource.name"), StringComparison.Ordinal);
        Kit.AssertNoPhi(result.Errors);
    }

    [Fact]
    public void A_patient_with_a_partial_birth_date_is_refused_without_quoting_it()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 1)["birthDate"] = "1981-07";

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));

        Assert.Equal("must be a full date (YYYY-MM-DD)", Kit.ReasonAt(result.Errors, "Bundle.entry[1].resource.birthDate"));
        Kit.AssertNoPhi(result.Errors);
    }

    [Fact]
    public void An_attachment_whose_hash_does_not_match_its_data_is_refused()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 5)["content"]![0]!["attachment"]!["hash"] = Convert.ToBase64String(new byte[20]);

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));

        Assert.Contains("does not match", Kit.ReasonAt(result.Errors, "Bundle.entry[5].resource.content[0].attachment.hash"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_one_service_request_is_reported_at_once()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 1).Remove("name");
        Kit.Entry(bundle, 1).Remove("birthDate");

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));

        Assert.Equal(["Bundle.entry[1].resource.birthDate", "Bundle.entry[1].resource.name"], result.Errors.Select(e => e.Path).Order());
    }

    [Fact]
    public void A_performer_type_only_in_an_unknown_code_system_is_refused_as_code_invalid()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 0)["performerType"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "https://acme-mutual.example/specialties", ["code"] = "ORTHO" }),
        };

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));

        var error = Assert.Single(result.Errors);
        Assert.Equal("Bundle.entry[0].resource.performerType", error.Path);
        var issue = System.Text.Json.Nodes.JsonNode.Parse(FhirReferralReader.ToOperationOutcome(result.Errors))!["issue"]![0]!;
        Assert.Equal("code-invalid", (string?)issue["code"]);
    }
}
