using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ImeBridge.Adapters.Fhir.Tests.Support;

namespace ImeBridge.Adapters.Fhir.Tests;

/// <summary>A ServiceRequest whose Patient, Coverage and documents live on the partner's server, not in the input.</summary>
public sealed class RemoteReferenceTests
{
    private static readonly byte[] LetterPdf = "%PDF-1.4\n% referral letter fetched from the partner\n%%EOF\n"u8.ToArray();

    /// <summary>The fixture's ServiceRequest alone, pointing at Patient/p1, Organization/o1, Coverage/c1, Condition/k1, DocumentReference/d1.</summary>
    private static JsonObject LoneServiceRequest()
    {
        var request = Kit.Entry(Kit.Transaction(), 0).DeepClone().AsObject();
        request["id"] = "sr1";
        request["subject"] = new JsonObject { ["reference"] = "Patient/p1" };
        request["requester"] = new JsonObject { ["reference"] = "Organization/o1" };
        request["insurance"] = new JsonArray(new JsonObject { ["reference"] = "Coverage/c1" });
        request["reasonReference"] = new JsonArray(new JsonObject { ["reference"] = "Condition/k1" });
        request["supportingInfo"] = new JsonArray(new JsonObject { ["reference"] = "DocumentReference/d1" });
        return request;
    }

    private static DictionarySource PartnerServer()
    {
        var bundle = Kit.Transaction();
        var document = Kit.Entry(bundle, 5).DeepClone().AsObject();
        document["content"]![0]!["attachment"] = new JsonObject { ["contentType"] = "application/pdf", ["url"] = "Binary/b1", ["title"] = "letter.pdf" };
        return new DictionarySource()
            .With("Patient/p1", Kit.Entry(bundle, 1))
            .With("Organization/o1", Kit.Entry(bundle, 2))
            .With("Coverage/c1", Kit.Entry(bundle, 3))
            .With("Condition/k1", Kit.Entry(bundle, 4))
            .With("DocumentReference/d1", document)
            .WithContent("Binary/b1", LetterPdf, "application/pdf");
    }

    private static Task<IReadOnlyList<FhirReferralResult>> ReadAsync(JsonObject input, IFhirResourceSource source, FhirMappingOptions? options = null) =>
        FhirReferralReader.ReadAsync(Kit.Bytes(input), FhirFormat.Json, options ?? FhirMappingOptions.None, source, CancellationToken.None);

    [Fact]
    public async Task References_missing_from_the_input_are_read_from_the_partners_server()
    {
        var server = PartnerServer();

        var referral = Kit.Canonical(Kit.Single(await ReadAsync(LoneServiceRequest(), server)));

        Assert.Equal("Okonkwo-Whitfield", (string?)referral["claimant"]!["lastName"]);
        Assert.Equal("WC-NY-2026-0048213", (string?)referral["claim"]!["claimNumber"]);
        Assert.Equal("2026-02-09", (string?)referral["claim"]!["dateOfInjury"]);
        Assert.Contains("Patient/p1", server.Reads);
        Assert.Contains("Coverage/c1", server.Reads);
    }

    [Fact]
    public async Task An_attachment_given_by_url_is_fetched_and_becomes_a_document_with_its_sha256()
    {
        var result = Kit.Single(await ReadAsync(LoneServiceRequest(), PartnerServer()));

        var document = Assert.Single(Kit.Canonical(result)["documents"]!.AsArray())!;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(LetterPdf));
        Assert.Equal(sha256, (string?)document["sha256"]);
        Assert.Equal(LetterPdf.Length, (long?)document["size"]);
        var attachment = Assert.Single(result.Attachments);
        Assert.Equal(LetterPdf, attachment.Content.ToArray());
    }

    [Fact]
    public async Task Each_reference_is_read_once_even_when_several_resources_point_at_it()
    {
        var server = PartnerServer();
        var request = LoneServiceRequest();
        request["reasonReference"]!.AsArray().Add(new JsonObject { ["reference"] = "Condition/k1" });

        await ReadAsync(request, server);

        Assert.Equal(server.Reads.Count, server.Reads.Distinct().Count());
    }

    [Fact]
    public async Task A_patient_the_server_does_not_have_is_refused_at_the_subject()
    {
        var server = new DictionarySource();

        var result = Kit.Single(await ReadAsync(LoneServiceRequest(), server));

        Assert.False(result.IsReferral);
        Assert.StartsWith("does not resolve", Kit.ReasonAt(result.Errors, "ServiceRequest.subject"), StringComparison.Ordinal);
        Assert.Equal("not-found", FhirReferralReader.IssueCode(result.Errors.Single(e => e.Path == "ServiceRequest.subject")));
    }

    [Fact]
    public async Task Errors_inside_a_fetched_resource_are_at_its_own_type()
    {
        var server = PartnerServer();
        var patient = Kit.Entry(Kit.Transaction(), 1);
        patient.Remove("name");
        server.With("Patient/p1", patient);

        var result = Kit.Single(await ReadAsync(LoneServiceRequest(), server));

        Assert.Contains(result.Errors, e => e.Path.StartsWith("Patient.name", StringComparison.Ordinal));
        Kit.AssertNoPhi(result.Errors);
    }

    [Fact]
    public void Without_a_server_the_same_input_is_refused_and_nothing_is_fetched()
    {
        var result = Kit.Single(FhirReferralReader.Read(Kit.Bytes(LoneServiceRequest())));

        Assert.False(result.IsReferral);
        Assert.Contains(result.Errors, e => e.Path == "ServiceRequest.subject");
    }

    [Fact]
    public async Task References_inside_the_input_are_not_fetched()
    {
        var server = new DictionarySource();

        var result = Kit.Single(await ReadAsync(Kit.Transaction(), server));

        Assert.True(result.IsReferral, Kit.Describe(result.Errors));
        Assert.Empty(server.Reads);
    }
}
