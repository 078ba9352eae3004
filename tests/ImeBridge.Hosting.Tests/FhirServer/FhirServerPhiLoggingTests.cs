using System.Net;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Testing.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ImeBridge.Hosting.Tests.FhirServer;

/// <summary>PHI never reaches a log: every line of a run through every FHIR server feature is scanned for the fixture Patient.</summary>
public sealed class FhirServerPhiLoggingTests
{
    [Fact]
    public async Task No_log_line_of_reading_polling_notifying_or_writing_back_carries_the_patients_personal_data()
    {
        var logs = new CapturingLoggerProvider();
        string referralId;
        await using (var fhir = await FhirServerApp.StartAsync(logs: logs))
        {
            var server = fhir.Server;
            TaskWriteBackTests.Serve(server);
            server.Fail("Patient/p503", 503);
            server.Serve("ServiceRequest/sr9", FhirFixtures.ServiceRequest("sr9"));
            server.Mock.Given(Request.Create().WithPath("/fhir/ServiceRequest").UsingGet())
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", PartnerFhirServer.FhirJson).WithBody(
                    FhirFixtures.SearchPage(server.BaseUrl, null, FhirFixtures.ServiceRequest("sr2"), FhirFixtures.ServiceRequest("sr4", subject: "Patient/p404")).ToJsonString()));

            var accepted = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1"));
            referralId = FhirServerApp.ReferralIdOf(accepted);
            var statuses = new[]
            {
                accepted.StatusCode,
                (await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr5", subject: "Patient/p404"))).StatusCode,
                (await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr6", subject: "Patient/p503"))).StatusCode,
                (await fhir.NotifyAsync(FhirFixtures.ServiceRequest("sr7"))).StatusCode,
                (await fhir.NotifyAsync(FhirFixtures.Patient())).StatusCode,
            };
            Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.BadRequest, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted, HttpStatusCode.BadRequest], statuses);
            var poll = await fhir.PollAsync();
            Assert.Equal((1, 1), (poll.Accepted, poll.Refused));
            var report = await fhir.Service<IDocumentStore>().PutAsync(FhirFixtures.Pdf("IME report"), "application/pdf", CancellationToken.None);
            await TaskWriteBackTests.SendStatusAsync(fhir, referralId, "Delivered", report.Sha256);
            // Received and Delivered for sr1, Received for sr2 and sr7, Rejected for sr4.
            await server.WaitForAsync("PUT", "/fhir/Task", count: 5);
            await fhir.DrainSessionAsync(referralId);
            await fhir.DrainSessionAsync("fhir-notifications:" + TestPartner.Acme.Id);
        }

        var text = logs.AllText;
        Assert.Contains(referralId, text, StringComparison.Ordinal);
        foreach (var value in FhirFixtures.Phi)
        {
            Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"a log line carries the Patient's '{value}'");
        }

        Assert.DoesNotContain(PartnerFhirServer.AccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PartnerFhirServer.ClientSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPartner.Acme.ApiToken, text, StringComparison.Ordinal);
    }
}
