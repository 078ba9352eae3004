using System.Net;
using ImeBridge.Hosting.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static ImeBridge.Hosting.Tests.FhirServer.OutcomeJson;

namespace ImeBridge.Hosting.Tests.FhirServer;

/// <summary>
/// POST /api/fhir/notifications: the partner's server tells ImeBridge something changed (R4 rest-hook or the R4
/// Subscriptions Backport). Answered at once; the work happens when the queue dispatches it.
/// </summary>
public sealed class NotificationTests
{
    private static string Session => "fhir-notifications:" + TestPartner.Acme.Id;

    [Fact]
    public async Task An_empty_notification_makes_imebridge_poll_the_server()
    {
        await using var fhir = await StartAsync();
        fhir.Server.Mock.Given(Request.Create().WithPath("/fhir/ServiceRequest").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", PartnerFhirServer.FhirJson)
                .WithBody(FhirFixtures.SearchPage(fhir.Server.BaseUrl, null, FhirFixtures.ServiceRequest("sr5")).ToJsonString()));

        var response = await fhir.NotifyAsync(null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var search = Assert.Single(await fhir.Server.WaitForAsync("GET", "/fhir/ServiceRequest"));
        Assert.Equal("_lastUpdated", PartnerFhirServer.Query(search, "_sort"));
        Assert.Equal("ACME-SR5", await ExternalIdOfNextReferralAsync(fhir));
    }

    [Fact]
    public async Task An_id_only_backport_notification_has_the_named_service_request_read_and_taken_in()
    {
        await using var fhir = await StartAsync();
        fhir.Server.Serve("ServiceRequest/sr9", FhirFixtures.ServiceRequest("sr9"));

        var response = await fhir.NotifyAsync(BackportNotifications.Bundle(fhir.Server.BaseUrl, "event-notification", fhir.Server.BaseUrl + "ServiceRequest/sr9"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ACME-SR9", await ExternalIdOfNextReferralAsync(fhir));
        Assert.Single(fhir.Server.RequestsTo("GET", "/fhir/ServiceRequest/sr9"));
        Assert.Empty(fhir.Server.RequestsTo("GET", "/fhir/ServiceRequest"));
    }

    [Fact]
    public async Task A_notified_service_request_the_server_cannot_give_yet_is_read_again_later_and_not_lost()
    {
        await using var fhir = await StartAsync(maxAttempts: 1);
        fhir.Server.Serve("ServiceRequest/sr9", FhirFixtures.ServiceRequest("sr9"));
        fhir.Server.AnswerInTurn("GET", "/fhir/ServiceRequest/sr9", (503, null));

        var response = await fhir.NotifyAsync(BackportNotifications.Bundle(fhir.Server.BaseUrl, "event-notification", fhir.Server.BaseUrl + "ServiceRequest/sr9"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = await fhir.ReferralsReceived.WaitForAsync(_ => true, TimeSpan.FromSeconds(20));
        Assert.Equal("ACME-SR9", (string?)(await fhir.ReferralAsync(received.SessionId))["source"]!["externalId"]);
        Assert.Equal(2, fhir.Server.RequestsTo("GET", "/fhir/ServiceRequest/sr9").Count);
    }

    [Fact]
    public async Task A_full_resource_notification_becomes_a_referral()
    {
        await using var fhir = await StartAsync();

        var response = await fhir.NotifyAsync(FhirFixtures.ServiceRequest("sr10"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ACME-SR10", await ExternalIdOfNextReferralAsync(fhir));
        Assert.Empty(fhir.Server.RequestsTo("GET", "/fhir/ServiceRequest"));
    }

    [Fact]
    public async Task A_heartbeat_is_acknowledged_and_nothing_is_asked_of_the_server()
    {
        await using var fhir = await StartAsync();

        var response = await fhir.NotifyAsync(BackportNotifications.Bundle(fhir.Server.BaseUrl, "heartbeat"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fhir.DrainSessionAsync(Session);
        Assert.Empty(fhir.Server.Requests);
    }

    [Fact]
    public async Task A_body_that_is_no_notification_is_a_400_operation_outcome_and_nothing_is_queued()
    {
        await using var fhir = await StartAsync();

        var response = await fhir.NotifyAsync(FhirFixtures.Patient());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = Assert.Single(await IssuesAsync(response));
        Assert.Equal("error", (string?)issue!["severity"]);
        Assert.Equal("Patient", Expression(issue));
        await fhir.DrainSessionAsync(Session);
        Assert.Empty(fhir.Server.Requests);
    }

    [Fact]
    public async Task A_notification_without_the_partner_token_is_401_and_ignored()
    {
        await using var fhir = await StartAsync();

        var response = await fhir.PostAsync("/api/fhir/notifications", body: null, token: null);
        var wrongToken = await fhir.PostAsync("/api/fhir/notifications", body: null, token: "not-a-partner-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("security", Code(Assert.Single(await IssuesAsync(response))));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        await fhir.DrainSessionAsync(Session);
        Assert.Empty(fhir.Server.Requests);
    }

    private static async Task<FhirServerApp> StartAsync(int maxAttempts = 3)
    {
        var fhir = await FhirServerApp.StartAsync(acme: a => a.MaxAttempts = maxAttempts);
        fhir.Server.Serve("Patient/p1", FhirFixtures.Patient());
        fhir.Server.Serve("Coverage/c1", FhirFixtures.Coverage());
        return fhir;
    }

    private static async Task<string?> ExternalIdOfNextReferralAsync(FhirServerApp fhir)
    {
        var received = await fhir.ReferralsReceived.WaitForAsync(_ => true);
        return (string?)(await fhir.ReferralAsync(received.SessionId))["source"]!["externalId"];
    }
}
