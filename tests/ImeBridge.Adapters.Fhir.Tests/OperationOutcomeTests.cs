using System.Text.Json.Nodes;
using ImeBridge.Adapters.Fhir.Tests.Support;

namespace ImeBridge.Adapters.Fhir.Tests;

public sealed class OperationOutcomeTests
{
    [Fact]
    public void Errors_become_error_issues_with_code_diagnostics_and_fhirpath_expression()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 1).Remove("name");
        Kit.Entry(bundle, 0)["requester"] = new JsonObject { ["reference"] = "Organization/missing" };
        Kit.Entry(bundle, 0)["subject"] = new JsonObject { ["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000000" };
        var errors = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle))).Errors;

        var outcome = JsonNode.Parse(FhirReferralReader.ToOperationOutcome(errors))!;

        Assert.Equal("OperationOutcome", (string?)outcome["resourceType"]);
        var issue = Assert.Single(outcome["issue"]!.AsArray())!;
        Assert.Equal("error", (string?)issue["severity"]);
        Assert.Equal("not-found", (string?)issue["code"]);
        Assert.Equal(errors[0].Reason, (string?)issue["diagnostics"]);
        Assert.Equal("Bundle.entry[0].resource.subject", (string?)issue["expression"]![0]);
    }

    [Fact]
    public void A_missing_patient_name_is_a_required_issue()
    {
        var bundle = Kit.Transaction();
        Kit.Entry(bundle, 1).Remove("name");
        var errors = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle))).Errors;

        var issue = JsonNode.Parse(FhirReferralReader.ToOperationOutcome(errors))!["issue"]![0]!;

        Assert.Equal("required", (string?)issue["code"]);
        Assert.Equal("Bundle.entry[1].resource.name", (string?)issue["expression"]![0]);
    }

    [Fact]
    public void An_unparseable_input_gives_an_invalid_issue_without_expression()
    {
        var errors = Kit.Single(FhirReferralReader.Read("{ nope"u8.ToArray())).Errors;

        var issue = JsonNode.Parse(FhirReferralReader.ToOperationOutcome(errors))!["issue"]![0]!;

        Assert.Equal("invalid", (string?)issue["code"]);
        Assert.Null(issue["expression"]);
    }
}
