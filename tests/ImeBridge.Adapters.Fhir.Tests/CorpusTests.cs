using System.Text.Json.Nodes;
using ImeBridge.Adapters.Fhir.Tests.Support;

namespace ImeBridge.Adapters.Fhir.Tests;

/// <summary>The official HL7 examples, the BSeR IG examples and Synthea bundles of ../shared/corpus/fhir-r4.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> CorpusFiles() => new(CorpusFileNames());

    public static TheoryData<string> ServiceRequestFiles() =>
        new(CorpusFileNames().Where(f => Path.GetFileName(f).StartsWith("servicerequest-", StringComparison.OrdinalIgnoreCase)));

    private static IEnumerable<string> CorpusFileNames()
    {
        var root = Kit.CorpusDirectory();
        return Directory.GetFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".xml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_example_normalizes_or_is_refused_with_located_errors(string file)
    {
        var results = FhirReferralReader.Read(File.ReadAllBytes(Path.Combine(Kit.CorpusDirectory(), file)));

        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            if (result.IsReferral)
            {
                Assert.Empty(result.Errors);
                continue;
            }

            Assert.NotEmpty(result.Errors);
            Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Path), $"{file}: an error without a FHIRPath: {e.Reason}"));
        }
    }

    [Theory]
    [MemberData(nameof(ServiceRequestFiles))]
    public void A_service_request_example_without_its_patient_is_refused_at_its_subject(string file)
    {
        var result = Kit.Single(FhirReferralReader.Read(File.ReadAllBytes(Path.Combine(Kit.CorpusDirectory(), file))));

        Assert.StartsWith("does not resolve", Kit.ReasonAt(result.Errors, "ServiceRequest.subject"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("core-examples-json/Patient-example.json", "Patient")]
    [InlineData("core-examples-json/Basic-referral.json", "Basic")]
    [InlineData("bser-ig-xml/task-BSeR-ReferralTask.xml", "Task")]
    public void A_non_referral_resource_is_refused_as_not_a_service_request_or_bundle(string file, string type)
    {
        var result = Kit.Single(FhirReferralReader.Read(File.ReadAllBytes(Path.Combine(Kit.CorpusDirectory(), file))));

        Assert.Equal("is not a ServiceRequest or Bundle", Kit.ReasonAt(result.Errors, type));
    }

    [Theory]
    [InlineData("synthea/Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json")]
    [InlineData("core-examples-json/Bundle-xds.json")]
    public void A_bundle_without_a_service_request_is_refused_at_its_entries(string file)
    {
        var result = Kit.Single(FhirReferralReader.Read(File.ReadAllBytes(Path.Combine(Kit.CorpusDirectory(), file))));

        Assert.StartsWith("is required", Kit.ReasonAt(result.Errors, "Bundle.entry"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bser_message_bundle_is_refused_at_its_service_requests_unresolved_subject()
    {
        var result = Kit.Single(FhirReferralReader.Read(File.ReadAllBytes(Path.Combine(Kit.CorpusDirectory(), "bser-ig-xml", "bundle-bser-referral-message-bundle-eve-everywoman.xml"))));

        Assert.Equal("Bundle.entry[1].resource", result.ServiceRequestPath);
        Assert.StartsWith("does not resolve", Kit.ReasonAt(result.Errors, "Bundle.entry[1].resource.subject"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_official_referral_example_with_its_patient_in_a_collection_bundle_normalizes()
    {
        var root = Kit.CorpusDirectory();
        var request = JsonNode.Parse(File.ReadAllBytes(Path.Combine(root, "core-examples-json", "ServiceRequest-myringotomy.json")))!.AsObject();
        var patient = JsonNode.Parse(File.ReadAllBytes(Path.Combine(root, "core-examples-json", "Patient-example.json")))!.AsObject();
        request["subject"] = new JsonObject { ["reference"] = "Patient/example" };
        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "collection",
            ["entry"] = new JsonArray(
                new JsonObject { ["fullUrl"] = "http://example.org/fhir/ServiceRequest/myringotomy", ["resource"] = request },
                new JsonObject { ["fullUrl"] = "http://example.org/fhir/Patient/example", ["resource"] = patient }),
        };

        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(bundle)));
        var referral = Kit.Canonical(result);

        Assert.Equal("Chalmers", (string?)referral["claimant"]!["lastName"]);
        Assert.Equal("1974-12-25", (string?)referral["claimant"]!["dateOfBirth"]);
        Assert.Equal("ime", (string?)referral["request"]!["examType"]);
        // An Australian example: no US jurisdiction, claim number or line of business, which the core names.
        var read = Kit.ReadCanonical(result.ReferralJson!);
        Assert.Contains(read.Errors, e => e.Path == "claim.jurisdiction");
        Assert.Contains(read.Errors, e => e.Path == "claim.claimNumber");
    }

    [Fact]
    public void Json_without_a_resource_type_is_refused_as_not_a_fhir_resource()
    {
        var result = Kit.Single(FhirReferralReader.Read(File.ReadAllBytes(Path.Combine(Kit.CorpusDirectory(), "core-examples-json", "_package.json"))));

        Assert.Equal("is not a FHIR R4 resource type", Kit.ReasonAt(result.Errors, "resourceType"));
    }
}
