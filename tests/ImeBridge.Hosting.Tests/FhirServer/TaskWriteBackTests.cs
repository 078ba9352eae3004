using System.Net;
using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.FhirServer;

/// <summary>
/// A FHIR referral's progress written back to the partner's server: a Task per state, by conditional update on
/// ImeBridge's referral id, in order; the delivered report as a DocumentReference created once and named in Task.output.
/// </summary>
public sealed class TaskWriteBackTests
{
    public const string TaskIdentifierSystem = "https://imebridge.example/fhir/NamingSystem/referral-id";
    private const string ReportIdentifierSystem = "https://imebridge.example/fhir/NamingSystem/document-sha256";

    [Fact]
    public async Task The_received_task_then_the_delivered_report_and_completed_task_reach_the_server_in_order()
    {
        await using var fhir = await FhirServerApp.StartAsync();
        Serve(fhir.Server);
        var report = FhirFixtures.Pdf("IME report, claim " + FhirFixtures.ClaimNumber);

        var response = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var referralId = FhirServerApp.ReferralIdOf(response);
        // Delivered is sent as the workflow would: after triage has moved the referral on.
        var triaged = (await WorkflowWait.UntilTriagedAsync(fhir.App.Services, referralId)).Status;
        var kept = await fhir.Service<IDocumentStore>().PutAsync(report, "application/pdf", CancellationToken.None);
        await SendStatusAsync(fhir, referralId, "Delivered", kept.Sha256);

        var puts = await fhir.Server.WaitForAsync("PUT", "/fhir/Task", count: 3);

        Assert.All(puts, put => Assert.Equal($"{TaskIdentifierSystem}|{referralId}", PartnerFhirServer.Query(put, "identifier")));
        var received = PartnerFhirServer.BodyOf(puts[0]);
        Assert.Equal("Task", (string?)received["resourceType"]);
        Assert.Equal("requested", (string?)received["status"]);
        Assert.Equal("Received", (string?)received["businessStatus"]!["coding"]![0]!["code"]);
        Assert.Equal("order", (string?)received["intent"]);
        Assert.Equal("ServiceRequest/sr1", (string?)received["focus"]!["reference"]);
        Assert.Equal(referralId, (string?)received["identifier"]![0]!["value"]);

        var create = Assert.Single(fhir.Server.RequestsTo("POST", "/fhir/DocumentReference"));
        Assert.Equal($"identifier={ReportIdentifierSystem}|{kept.Sha256}", Uri.UnescapeDataString(PartnerFhirServer.Header(create, "If-None-Exist")!));
        var document = PartnerFhirServer.BodyOf(create);
        Assert.Equal(Convert.ToBase64String(report), (string?)document["content"]![0]!["attachment"]!["data"]);

        Assert.Equal(triaged, (string?)PartnerFhirServer.BodyOf(puts[1])["businessStatus"]!["coding"]![0]!["code"]);
        var delivered = PartnerFhirServer.BodyOf(puts[2]);
        Assert.Equal("completed", (string?)delivered["status"]);
        Assert.Equal("Delivered", (string?)delivered["businessStatus"]!["coding"]![0]!["code"]);
        Assert.Equal("DocumentReference/dr-5521", (string?)delivered["output"]![0]!["valueReference"]!["reference"]);

        var writes = fhir.Server.Requests.Where(r => r.Method != "GET" && r.Path != "/token")
            .Select(r => r.Path == "/fhir/Task" ? (string?)PartnerFhirServer.BodyOf(r)["status"] : r.Path);
        Assert.Equal(new[] { "requested", triaged == "Triaged" ? "accepted" : "on-hold", "/fhir/DocumentReference", "completed" }, writes);
    }

    [Fact]
    public async Task A_partner_without_a_fhir_server_gets_no_task_and_imebridge_asks_no_server_for_it()
    {
        // Globex writes back to the server; Acme has FHIR settings but no server.
        await using var fhir = await FhirServerApp.StartAsync(acme: a => a.HasServer = false, globex: _ => { });
        Serve(fhir.Server);

        var unresolved = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1"));
        Assert.Equal(HttpStatusCode.BadRequest, unresolved.StatusCode);
        Assert.Empty(fhir.Server.Requests);

        var acme = await fhir.Client.SendAsync(FhirPost(File.ReadAllBytes(RepositoryFolders.File("samples", "fhir", "referral-bundle.json")), TestPartner.Acme));
        var globex = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr2"), TestPartner.Globex);
        Assert.Equal(HttpStatusCode.Accepted, acme.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, globex.StatusCode);
        var acmeReferral = await fhir.WaitForReferralReceivedAsync(FhirServerApp.ReferralIdOf(acme));
        var globexReferral = FhirServerApp.ReferralIdOf(globex);

        // Globex's Tasks (received, then triaged) show the write-back works; Acme's session is drained, so its Tasks
        // would have been written by now.
        await fhir.Server.WaitForAsync("PUT", "/fhir/Task", count: 2);
        await fhir.DrainSessionAsync(acmeReferral);
        await fhir.DrainSessionAsync(globexReferral);
        Assert.All(fhir.Server.RequestsTo("PUT", "/fhir/Task"), put => Assert.Equal($"{TaskIdentifierSystem}|{globexReferral}", PartnerFhirServer.Query(put, "identifier")));
        Assert.DoesNotContain(fhir.TaskUpdates.Received, m => m.SessionId == acmeReferral);
    }

    [Fact]
    public async Task A_partner_with_write_back_off_gets_no_task()
    {
        await using var fhir = await FhirServerApp.StartAsync(acme: a => a.WriteBack = false);
        Serve(fhir.Server);

        var response = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var referralId = await fhir.WaitForReferralReceivedAsync(FhirServerApp.ReferralIdOf(response));
        await SendStatusAsync(fhir, referralId, "Scheduled", null);
        await fhir.DrainSessionAsync(referralId);

        Assert.Empty(fhir.Server.RequestsTo("PUT", "/fhir/Task"));
        Assert.Empty(fhir.TaskUpdates.Received);
        Assert.Equal(2, fhir.Server.RequestsTo("GET", "/fhir/Patient/p1").Count + fhir.Server.RequestsTo("GET", "/fhir/Coverage/c1").Count);
    }

    internal static void Serve(PartnerFhirServer server)
    {
        server.Serve("Patient/p1", FhirFixtures.Patient());
        server.Serve("Coverage/c1", FhirFixtures.Coverage());
    }

    internal static Task SendStatusAsync(FhirServerApp fhir, string referralId, string status, string? reportSha256)
    {
        var changed = new ReferralStatusChanged(referralId, TestPartner.Acme.Id, "fhir", status, DateTimeOffset.UtcNow, ReportSha256: reportSha256);
        return fhir.SendAsync(
            MessageTypes.ReferralStatusChanged,
            referralId,
            JsonSerializer.SerializeToUtf8Bytes(changed, MessageJson.Options),
            $"{MessageTypes.ReferralStatusChanged}:{referralId}:{status}");
    }

    private static HttpRequestMessage FhirPost(byte[] body, TestPartner partner)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/fhir") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/fhir+json");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", partner.ApiToken);
        return request;
    }
}
