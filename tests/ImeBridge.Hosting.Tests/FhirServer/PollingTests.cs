using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImeBridge.Adapters.Fhir.Polling;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ImeBridge.Hosting.Tests.FhirServer;

/// <summary>
/// Polling the partner's server (fhir.polling: pageSize 2, since 2026-11-01, overlap 1 minute): <c>GET
/// ServiceRequest?_lastUpdated=gt…&amp;_sort=_lastUpdated&amp;_count=2</c> page by page, each ServiceRequest a referral,
/// the watermark stored, and a refused ServiceRequest kept and answered with a rejected Task.
/// </summary>
public sealed class PollingTests
{
    private const string TaskIdentifierSystem = "https://imebridge.example/fhir/NamingSystem/referral-id";

    [Fact]
    public async Task A_poll_follows_the_next_link_stores_the_watermark_and_the_next_poll_overlaps_without_storing_twice()
    {
        await using var fhir = await FhirServerApp.StartAsync();
        var server = fhir.Server;
        server.Serve("Patient/p1", FhirFixtures.Patient());
        server.Serve("Coverage/c1", FhirFixtures.Coverage());
        var sr1 = FhirFixtures.ServiceRequest("sr1", lastUpdated: "2026-11-20T09:00:00Z");
        var sr2 = FhirFixtures.ServiceRequest("sr2", lastUpdated: "2026-11-20T09:30:00Z");
        var sr3 = FhirFixtures.ServiceRequest("sr3", lastUpdated: "2026-11-20T10:15:00Z");
        var next = server.BaseUrl + "ServiceRequest?_getpages=poll-7f3&_getpagesoffset=2&_count=2";
        ServeSearch(fhir, "_lastUpdated", "gt2026-10-31T23:59:00.000Z", FhirFixtures.SearchPage(server.BaseUrl, next, sr1, sr2));
        ServeSearch(fhir, "_getpages", "poll-7f3", FhirFixtures.SearchPage(server.BaseUrl, null, sr3));
        // The second poll starts a minute (the overlap) before the newest lastUpdated seen, and meets sr3 again.
        ServeSearch(fhir, "_lastUpdated", "gt2026-11-20T10:14:00.000Z", FhirFixtures.SearchPage(server.BaseUrl, null, sr3));

        var first = await fhir.PollAsync();

        Assert.Equal((2, 3, 3, 0, 0, (string?)null), (first.Pages, first.ServiceRequests, first.Accepted, first.Duplicates, first.Refused, first.Failure));
        var search = Assert.Single(server.RequestsTo("GET", "/fhir/ServiceRequest"), r => PartnerFhirServer.Query(r, "_getpages") is null);
        Assert.Equal("gt2026-10-31T23:59:00.000Z", PartnerFhirServer.Query(search, "_lastUpdated"));
        Assert.Equal("_lastUpdated", PartnerFhirServer.Query(search, "_sort"));
        Assert.Equal("2", PartnerFhirServer.Query(search, "_count"));
        Assert.Equal("Bearer " + PartnerFhirServer.AccessToken, PartnerFhirServer.Header(search, "Authorization"));
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:15:00Z", CultureInfo.InvariantCulture), await WatermarkAsync(fhir));

        var externalIds = new List<string?>();
        foreach (var received in await ReferralsAsync(fhir, 3))
        {
            var referral = await fhir.ReferralAsync(received.ReferralId);
            Assert.Equal("fhir", (string?)referral["source"]!["channel"]);
            Assert.Equal(FhirFixtures.FamilyName, (string?)referral["claimant"]!["lastName"]);
            externalIds.Add((string?)referral["source"]!["externalId"]);
        }

        Assert.Equal(new[] { "ACME-SR1", "ACME-SR2", "ACME-SR3" }, externalIds.Order());

        var second = await fhir.PollAsync();

        Assert.Equal((1, 1, 0, 1, (string?)null), (second.Pages, second.ServiceRequests, second.Accepted, second.Duplicates, second.Failure));
        Assert.Equal(3, server.RequestsTo("GET", "/fhir/ServiceRequest").Count);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:15:00Z", CultureInfo.InvariantCulture), await WatermarkAsync(fhir));
    }

    [Fact]
    public async Task A_refused_service_request_found_by_polling_is_kept_as_a_rejection_and_written_back_as_a_rejected_task_once()
    {
        await using var fhir = await FhirServerApp.StartAsync();
        var server = fhir.Server;
        server.Serve("Patient/p1", FhirFixtures.Patient());
        server.Serve("Coverage/c1", FhirFixtures.Coverage());
        var good = FhirFixtures.ServiceRequest("sr1", lastUpdated: "2026-11-20T09:00:00Z");
        var orphan = FhirFixtures.ServiceRequest("sr4", lastUpdated: "2026-11-20T09:05:00Z", subject: "Patient/p404");
        fhir.Server.Mock.Given(Request.Create().WithPath("/fhir/ServiceRequest").UsingGet())
            .RespondWith(Json(FhirFixtures.SearchPage(server.BaseUrl, null, good, orphan)));

        var first = await fhir.PollAsync();

        Assert.Equal((1, 1), (first.Accepted, first.Refused));
        var rejection = Assert.Single(await fhir.Service<IReferralStore>().ListRejectionsAsync(10, CancellationToken.None));
        Assert.Equal(("fhir", TestPartner.Acme.Id), (rejection.Channel, rejection.PartnerId));
        Assert.Contains(rejection.Errors, e => e.Path.EndsWith(".subject", StringComparison.Ordinal));

        var put = (await server.WaitForAsync("PUT", "/fhir/Task", count: 2))
            .Single(r => PartnerFhirServer.Query(r, "identifier") == $"{TaskIdentifierSystem}|{rejection.RejectionId}");
        var task = PartnerFhirServer.BodyOf(put);
        Assert.Equal("rejected", (string?)task["status"]);
        Assert.Equal("Rejected", (string?)task["businessStatus"]!["coding"]![0]!["code"]);
        Assert.Contains("subject", (string?)task["statusReason"]!["text"], StringComparison.Ordinal);
        Assert.Equal(server.BaseUrl + "ServiceRequest/sr4", (string?)task["focus"]!["reference"]);

        // The same version of sr4 read again is recognised: no second rejection, no second Task.
        var second = await fhir.PollAsync();
        await fhir.DrainSessionAsync(rejection.RejectionId);

        Assert.Equal((0, 1, 1), (second.Accepted, second.Duplicates, second.Refused));
        Assert.Single(await fhir.Service<IReferralStore>().ListRejectionsAsync(10, CancellationToken.None));
        Assert.Single(server.RequestsTo("PUT", "/fhir/Task"), r => PartnerFhirServer.Query(r, "identifier")!.EndsWith(rejection.RejectionId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_poll_runner_polls_each_polling_partner_once_per_interval_and_no_other_partner()
    {
        // Globex has the server too, but no fhir.polling.
        await using var fhir = await FhirServerApp.StartAsync(globex: g => g.Polling = false);
        fhir.Server.Mock.Given(Request.Create().WithPath("/fhir/ServiceRequest").UsingGet())
            .RespondWith(Json(FhirFixtures.SearchPage(fhir.Server.BaseUrl, null)));
        var runner = fhir.Service<FhirPollRunner>();

        var first = await runner.RunDueAsync(CancellationToken.None);
        var second = await runner.RunDueAsync(CancellationToken.None);

        Assert.Equal(TestPartner.Acme.Id, Assert.Single(first).PartnerId);
        Assert.Empty(second);
        Assert.Single(fhir.Server.RequestsTo("GET", "/fhir/ServiceRequest"));
        Assert.InRange(runner.UntilNextDue(), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    private static void ServeSearch(FhirServerApp fhir, string parameter, string value, JsonObject page) =>
        fhir.Server.Mock.Given(Request.Create().WithPath("/fhir/ServiceRequest").UsingGet().WithParam(parameter, value)).RespondWith(Json(page));

    private static IResponseBuilder Json(JsonNode body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", PartnerFhirServer.FhirJson).WithBody(body.ToJsonString());

    private static async Task<DateTimeOffset> WatermarkAsync(FhirServerApp fhir)
    {
        var stored = await fhir.Service<ICheckpointStore>().GetAsync(FhirPoller.CheckpointKey(TestPartner.Acme.Id), CancellationToken.None);
        Assert.Equal("fhir-poll:" + TestPartner.Acme.Id, FhirPoller.CheckpointKey(TestPartner.Acme.Id));
        return DateTimeOffset.Parse(stored!, CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<ReferralReceived>> ReferralsAsync(FhirServerApp fhir, int count)
    {
        await fhir.ReferralsReceived.WaitForAsync(_ => fhir.ReferralsReceived.Received.Count >= count);
        return [.. fhir.ReferralsReceived.Received.Select(m => JsonSerializer.Deserialize<ReferralReceived>(m.Body.Span, MessageJson.Options)!)];
    }
}
