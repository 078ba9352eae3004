using System.Globalization;
using System.Text.Json.Nodes;
using ImeBridge.Adapters.Fhir.Polling;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ImeBridge.Hosting.Tests.FhirServer;

/// <summary>Search pages as partners' servers really send them: with _include'd context, or failing half-way.</summary>
public sealed class PollingPagesTests
{
    [Fact]
    public async Task Included_patient_and_coverage_are_used_as_they_are_and_are_no_referrals_of_their_own()
    {
        await using var fhir = await FhirServerApp.StartAsync();
        var page = FhirFixtures.SearchPage(fhir.Server.BaseUrl, null, FhirFixtures.ServiceRequest("sr1"));
        foreach (var included in new[] { FhirFixtures.Patient(), FhirFixtures.Coverage() })
        {
            page["entry"]!.AsArray().Add(new JsonObject
            {
                ["fullUrl"] = $"{fhir.Server.BaseUrl}{included["resourceType"]}/{included["id"]}",
                ["resource"] = included,
                ["search"] = new JsonObject { ["mode"] = "include" },
            });
        }

        Search(fhir).RespondWith(Json(page));

        var poll = await fhir.PollAsync();

        Assert.Equal((1, 1, 0), (poll.ServiceRequests, poll.Accepted, poll.Refused));
        var received = await fhir.ReferralsReceived.WaitForAsync(_ => true);
        Assert.Equal(FhirFixtures.FamilyName, (string?)(await fhir.ReferralAsync(received.SessionId))["claimant"]!["lastName"]);
        Assert.Empty(fhir.Server.RequestsTo("GET", "/fhir/Patient/p1"));
        Assert.Empty(fhir.Server.RequestsTo("GET", "/fhir/Coverage/c1"));
    }

    [Fact]
    public async Task A_hapi_style_next_link_at_the_bare_base_url_is_followed_in_the_same_poll()
    {
        // HAPI FHIR links page 2 at the base itself, without the trailing slash: http://host/fhir?_getpages=…
        await using var fhir = await FhirServerApp.StartAsync();
        TaskWriteBackTests.Serve(fhir.Server);
        var next = fhir.Server.Origin + "/fhir?_getpages=3f1c9a2e-77b4-4d0e-9a51-6c2f0b8e1d47&_getpagesoffset=2&_count=2&_bundletype=searchset";
        Search(fhir, "_lastUpdated", "gt2026-10-31T23:59:00.000Z").RespondWith(Json(FhirFixtures.SearchPage(
            fhir.Server.BaseUrl,
            next,
            FhirFixtures.ServiceRequest("sr1", lastUpdated: "2026-11-20T09:00:00Z"),
            FhirFixtures.ServiceRequest("sr2", lastUpdated: "2026-11-20T09:00:00Z"))));
        fhir.Server.Mock.Given(Request.Create().WithPath("/fhir").UsingGet().WithParam("_getpages", "3f1c9a2e-77b4-4d0e-9a51-6c2f0b8e1d47"))
            .RespondWith(Json(FhirFixtures.SearchPage(fhir.Server.BaseUrl, null, FhirFixtures.ServiceRequest("sr3", lastUpdated: "2026-11-20T09:00:00Z"))));

        var poll = await fhir.PollAsync();

        Assert.Equal((2, 3, (string?)null), (poll.Pages, poll.Accepted, poll.Failure));
    }

    [Fact]
    public async Task A_page_the_server_fails_to_give_stops_the_poll_and_the_next_poll_resumes_after_the_pages_taken()
    {
        await using var fhir = await FhirServerApp.StartAsync();
        TaskWriteBackTests.Serve(fhir.Server);
        var next = fhir.Server.BaseUrl + "ServiceRequest?_getpages=poll-9c1&_getpagesoffset=2&_count=2";
        Search(fhir, "_lastUpdated", "gt2026-10-31T23:59:00.000Z")
            .RespondWith(Json(FhirFixtures.SearchPage(fhir.Server.BaseUrl, next, FhirFixtures.ServiceRequest("sr1", lastUpdated: "2026-11-20T09:00:00Z"))));
        Search(fhir, "_getpages", "poll-9c1")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Content-Type", PartnerFhirServer.FhirJson)
                .WithBody("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"transient\"}]}"));
        Search(fhir, "_lastUpdated", "gt2026-11-20T08:59:00.000Z")
            .RespondWith(Json(FhirFixtures.SearchPage(fhir.Server.BaseUrl, null, FhirFixtures.ServiceRequest("sr2", lastUpdated: "2026-11-20T09:10:00Z"))));

        var first = await fhir.PollAsync();

        Assert.Equal((1, 1), (first.Pages, first.Accepted));
        Assert.NotNull(first.Failure);
        Assert.DoesNotContain(FhirFixtures.FamilyName, first.Failure, StringComparison.Ordinal);
        var watermark = await fhir.Service<ICheckpointStore>().GetAsync(FhirPoller.CheckpointKey(TestPartner.Acme.Id), CancellationToken.None);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T09:00:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse(watermark!, CultureInfo.InvariantCulture));

        var second = await fhir.PollAsync();

        Assert.Equal((1, 1, (string?)null), (second.Pages, second.Accepted, second.Failure));
    }

    private static IRespondWithAProvider Search(FhirServerApp fhir, string? parameter = null, string? value = null)
    {
        var request = Request.Create().WithPath("/fhir/ServiceRequest").UsingGet();
        return fhir.Server.Mock.Given(parameter is null ? request : request.WithParam(parameter, value!));
    }

    private static IResponseBuilder Json(JsonNode body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", PartnerFhirServer.FhirJson).WithBody(body.ToJsonString());
}
