using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.FhirServer;

/// <summary>What a referral gets from the partner's FHIR settings: attachment bytes read from its server, its default jurisdiction.</summary>
public sealed class ServerMappingTests
{
    [Fact]
    public async Task An_attachment_given_only_by_url_is_read_from_the_server_and_kept_with_its_sha256()
    {
        await using var fhir = await FhirServerApp.StartAsync();
        var letter = FhirFixtures.Pdf("IME referral letter for claim " + FhirFixtures.ClaimNumber);
        fhir.Server.Serve("Patient/p1", FhirFixtures.Patient());
        fhir.Server.Serve("Coverage/c1", FhirFixtures.Coverage());
        fhir.Server.Serve("DocumentReference/d1", new JsonObject
        {
            ["resourceType"] = "DocumentReference",
            ["id"] = "d1",
            ["status"] = "current",
            ["type"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "57133-1", ["display"] = "Referral note" }) },
            ["description"] = "Carrier referral letter",
            ["content"] = new JsonArray(new JsonObject
            {
                ["attachment"] = new JsonObject { ["contentType"] = "application/pdf", ["url"] = "Binary/b1", ["title"] = "referral-letter.pdf" },
            }),
        });
        fhir.Server.Serve("Binary/b1", new JsonObject { ["resourceType"] = "Binary", ["id"] = "b1", ["contentType"] = "application/pdf", ["data"] = Convert.ToBase64String(letter) });
        var request = FhirFixtures.ServiceRequest("sr1");
        request["supportingInfo"] = new JsonArray(new JsonObject { ["reference"] = "DocumentReference/d1" });

        var response = await fhir.PostServiceRequestAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var referral = await fhir.ReferralAsync(FhirServerApp.ReferralIdOf(response));
        var document = Assert.Single(referral["documents"]!.AsArray())!;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(letter));
        Assert.Equal(sha256, (string?)document["sha256"]);
        Assert.Equal(letter.Length, (long?)document["size"]);
        Assert.Equal("referralLetter", (string?)document["kind"]);
        await using var kept = await fhir.Service<IDocumentStore>().OpenAsync(sha256, CancellationToken.None);
        Assert.NotNull(kept);
        using var bytes = new MemoryStream();
        await kept.CopyToAsync(bytes);
        Assert.Equal(letter, bytes.ToArray());
        Assert.Single(fhir.Server.RequestsTo("GET", "/fhir/Binary/b1"));
    }

    [Fact]
    public async Task Without_a_jurisdiction_extension_the_partners_default_jurisdiction_wins_over_the_claimants_home_state()
    {
        await using var fhir = await FhirServerApp.StartAsync(acme: a => a.DefaultJurisdiction = "NY");
        fhir.Server.Serve("Patient/p1", FhirFixtures.Patient());
        fhir.Server.Serve("Coverage/c1", FhirFixtures.Coverage());

        var response = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var referral = await fhir.ReferralAsync(FhirServerApp.ReferralIdOf(response));
        Assert.Equal("NJ", (string?)referral["claimant"]!["address"]!["state"]);
        Assert.Equal("NY", (string?)referral["claim"]!["jurisdiction"]);
    }
}
