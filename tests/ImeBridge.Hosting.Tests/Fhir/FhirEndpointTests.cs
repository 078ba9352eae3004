using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Fhir;

/// <summary>POST /api/fhir and /api/fhir/ServiceRequest: FHIR R4 referrals with the partner's bearer token, answered with OperationOutcomes.</summary>
public sealed class FhirEndpointTests
{
    private static readonly byte[] Bundle = File.ReadAllBytes(RepositoryFolders.File("samples", "fhir", "referral-bundle.json"));

    [Fact]
    public async Task A_referral_bundle_becomes_a_referral_the_partner_reads_back_and_a_repeat_is_recognised()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(Post("/api/fhir", Bundle, TestPartner.Acme.ApiToken));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var issue = Assert.Single(await IssuesAsync(response))!;
        Assert.Equal("information", (string?)issue["severity"]);
        Assert.Equal("Bundle.entry[0].resource", (string?)issue["expression"]![0]);
        var location = response.Headers.Location!.ToString();
        var referralId = location["/api/referrals/".Length..];
        Assert.Contains(referralId, (string?)issue["diagnostics"], StringComparison.Ordinal);

        var view = await (await app.Client.SendAsync(SignedRequests.Get(location, TestPartner.Acme.ApiToken))).ReadObjectAsync();
        var referral = view["referral"]!;
        Assert.Equal("fhir", (string?)referral["source"]!["channel"]);
        Assert.Equal(TestPartner.Acme.Id, (string?)referral["source"]!["partnerId"]);
        Assert.Equal("Okonkwo-Whitfield", (string?)referral["claimant"]!["lastName"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Bundle)), (string?)referral["source"]!["originalDocument"]!["sha256"]);

        var again = await app.Client.SendAsync(Post("/api/fhir", Bundle, TestPartner.Acme.ApiToken));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Contains("already received as referral " + referralId, (string?)Assert.Single(await IssuesAsync(again))!["diagnostics"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_partner_token_the_answer_is_a_401_operation_outcome()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(Post("/api/fhir", Bundle, token: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("security", (string?)Assert.Single(await IssuesAsync(response))!["code"]);
    }

    [Fact]
    public async Task A_body_that_is_not_fhir_json_or_xml_is_415()
    {
        await using var app = await TestApp.StartAsync();
        var request = Post("/api/fhir", Bundle, TestPartner.Acme.ApiToken);
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_resource_that_is_no_referral_is_refused_at_its_fhirpath_without_echoing_it()
    {
        await using var app = await TestApp.StartAsync();
        var patient = File.ReadAllBytes(Path.Combine(RepositoryFolders.Corpus, "fhir-r4", "core-examples-json", "ServiceRequest-example.json"));

        var response = await app.Client.SendAsync(Post("/api/fhir/ServiceRequest", patient, TestPartner.Acme.ApiToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = Assert.Single(await IssuesAsync(response))!;
        Assert.Equal("error", (string?)issue["severity"]);
        Assert.Equal("ServiceRequest.subject", (string?)issue["expression"]![0]);
    }

    [Fact]
    public async Task A_bundle_posted_to_the_service_request_endpoint_is_refused()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(Post("/api/fhir/ServiceRequest", Bundle, TestPartner.Acme.ApiToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("/api/fhir", (string?)Assert.Single(await IssuesAsync(response))!["diagnostics"], StringComparison.Ordinal);
    }

    private static HttpRequestMessage Post(string path, byte[] body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static async Task<JsonArray> IssuesAsync(HttpResponseMessage response)
    {
        var outcome = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("OperationOutcome", (string?)outcome["resourceType"]);
        return outcome["issue"]!.AsArray();
    }
}
