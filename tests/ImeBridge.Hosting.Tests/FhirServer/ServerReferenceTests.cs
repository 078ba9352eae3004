using System.Net;
using System.Text;
using ImeBridge.Hosting.Tests.Support;
using static ImeBridge.Hosting.Tests.FhirServer.OutcomeJson;

namespace ImeBridge.Hosting.Tests.FhirServer;

/// <summary>
/// POST /api/fhir/ServiceRequest with a ServiceRequest that names its Patient and Coverage by reference only: ImeBridge
/// reads them from the partner's FHIR server (WireMock) with an OAuth client-credentials token, and only from there.
/// </summary>
public sealed class ServerReferenceTests
{
    [Fact]
    public async Task Referenced_patient_and_coverage_are_read_from_the_partner_server_with_its_access_token()
    {
        await using var fhir = await FhirServerApp.StartAsync();
        fhir.Server.Serve("Patient/p1", FhirFixtures.Patient());
        fhir.Server.Serve("Coverage/c1", FhirFixtures.Coverage());

        var response = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var referral = await fhir.ReferralAsync(FhirServerApp.ReferralIdOf(response));
        Assert.Equal(FhirFixtures.GivenName, (string?)referral["claimant"]!["firstName"]);
        Assert.Equal(FhirFixtures.FamilyName, (string?)referral["claimant"]!["lastName"]);
        Assert.Equal(FhirFixtures.BirthDate, (string?)referral["claimant"]!["dateOfBirth"]);
        Assert.Equal(FhirFixtures.ClaimNumber, (string?)referral["claim"]!["claimNumber"]);
        Assert.Equal("workersComp", (string?)referral["claim"]!["lineOfBusiness"]);

        foreach (var path in new[] { "/fhir/Patient/p1", "/fhir/Coverage/c1" })
        {
            var read = Assert.Single(fhir.Server.RequestsTo("GET", path));
            Assert.Equal("Bearer " + PartnerFhirServer.AccessToken, PartnerFhirServer.Header(read, "Authorization"));
        }

        var token = Assert.Single(fhir.Server.RequestsTo("POST", "/token"));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PartnerFhirServer.ClientId}:{PartnerFhirServer.ClientSecret}"));
        Assert.Equal("Basic " + basic, PartnerFhirServer.Header(token, "Authorization"));
        Assert.Contains("grant_type=client_credentials", token.Body, StringComparison.Ordinal);
        Assert.Contains("scope=" + Uri.EscapeDataString(PartnerFhirServer.Scope).Replace("%20", "+", StringComparison.Ordinal), token.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patient_the_server_does_not_have_is_a_400_not_found_at_the_subject()
    {
        await using var fhir = await FhirServerApp.StartAsync();
        fhir.Server.Serve("Coverage/c1", FhirFixtures.Coverage());

        var response = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1", subject: "Patient/p404"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issues = await IssuesAsync(response);
        Assert.Contains(issues, i => Code(i) == "not-found" && Expression(i) == "ServiceRequest.subject");
        Assert.Single(fhir.Server.RequestsTo("GET", "/fhir/Patient/p404"));
    }

    [Fact]
    public async Task A_server_that_keeps_answering_503_gets_a_503_transient_answer_after_the_configured_attempts()
    {
        await using var fhir = await FhirServerApp.StartAsync(acme: a => a.MaxAttempts = 3);
        fhir.Server.Fail("Patient/p1", 503);
        fhir.Server.Serve("Coverage/c1", FhirFixtures.Coverage());

        var response = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("transient", Code(Assert.Single(await IssuesAsync(response))));
        Assert.Equal(3, fhir.Server.RequestsTo("GET", "/fhir/Patient/p1").Count);
    }

    [Theory]
    [InlineData("http://evil.example/Patient/1")]
    [InlineData("{origin}/elsewhere/Patient/p1")]
    [InlineData("{origin}/fhir/../elsewhere/Patient/p1")]
    public async Task A_reference_outside_the_server_base_url_is_never_requested_and_is_refused(string subject)
    {
        await using var fhir = await FhirServerApp.StartAsync();
        fhir.Server.Serve("Coverage/c1", FhirFixtures.Coverage());
        // A valid Patient waits there: had it been read, the referral would have been accepted.
        fhir.Server.Mock
            .Given(WireMock.RequestBuilders.Request.Create().WithPath("/elsewhere/Patient/p1").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", PartnerFhirServer.FhirJson).WithBody(FhirFixtures.Patient().ToJsonString()));

        var response = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1", subject: subject.Replace("{origin}", fhir.Server.Origin, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(await IssuesAsync(response), i => Code(i) == "not-found" && Expression(i) == "ServiceRequest.subject");
        Assert.DoesNotContain(fhir.Server.Requests, r => !r.Path.StartsWith("/fhir/", StringComparison.Ordinal) && r.Path != "/token");
        Assert.Single(fhir.Server.RequestsTo("GET", "/fhir/Coverage/c1"));
    }
}
