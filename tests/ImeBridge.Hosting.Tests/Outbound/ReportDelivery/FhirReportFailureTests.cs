using System.Net;
using System.Text.Json.Nodes;
using ImeBridge.Adapters.Fhir.WriteBack;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Reports;
using ImeBridge.Hosting.Tests.FhirServer;
using ImeBridge.Hosting.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ImeBridge.Hosting.Tests.Outbound.ReportDelivery;

/// <summary>
/// A FHIR partner's referrer whose server refuses the approved report's DocumentReference for good: report delivery
/// hears it at once, alerts an operator the same day, and the proof of service shows the referrer as not served. (The
/// last transient attempt giving up is in tests/ImeBridge.Adapters.Fhir.Tests/WriteBack: on the real queue it comes
/// after hours of retries.)
/// </summary>
public sealed class FhirReportFailureTests
{
    [Fact]
    public async Task A_DocumentReference_refused_with_422_marks_the_referrer_unreached_and_alerts_the_same_day()
    {
        await using var fhir = await FhirServerApp.StartAsync(acme: a => a.MaxAttempts = 1);
        TaskWriteBackTests.Serve(fhir.Server);
        RefuseDocumentReference(fhir, once: false);
        var (referralId, sha256) = await ApprovedFhirReferralAsync(fhir);
        var referrerId = ReportDeliveryIds.For(referralId, sha256, ReportRecipientRoles.Referrer);

        var alert = await AlertForAsync(fhir, referrerId);

        Assert.Equal(ReportUnreachableAlerts.Kind, alert.Kind);
        Assert.Equal(referralId, alert.ReferralId);
        Assert.Equal(TimeProvider.System.GetUtcNow().UtcDateTime.Date, alert.RaisedAt.UtcDateTime.Date);
        Assert.Single(fhir.Server.RequestsTo("POST", "/fhir/DocumentReference"));
        var referrer = await ReferrerInProofAsync(fhir, referralId);
        Assert.Equal("fhir", (string?)referrer["channel"]);
        Assert.Equal(ServiceStatuses.Failed, (string?)referrer["status"]);
        Assert.Null((string?)referrer["receiptAt"]);
        Assert.Equal("referrer", (string?)referrer["recipientKey"]);
        var ledger = await fhir.Service<IOutboundLedger>().FindAsync(referrerId, CancellationToken.None);
        Assert.Equal(OutboundStatuses.Failed, ledger!.Status);
        var deadLetter = Assert.Single(await fhir.Service<IMessageQueue>().PeekDeadLettersAsync(10, CancellationToken.None), d => d.Type == FhirTaskUpdate.MessageType);
        Assert.Equal("DeliveryRefused", deadLetter.Reason);
        AssertNoPhiLogged(fhir);
    }

    [Fact]
    public async Task A_referrer_refused_once_is_served_again_by_the_write_back_under_a_delivery_id_of_its_own()
    {
        await using var fhir = await FhirServerApp.StartAsync(acme: a => a.MaxAttempts = 1);
        TaskWriteBackTests.Serve(fhir.Server);
        RefuseDocumentReference(fhir, once: true);
        var (referralId, sha256) = await ApprovedFhirReferralAsync(fhir);
        var referrerId = ReportDeliveryIds.For(referralId, sha256, ReportRecipientRoles.Referrer);
        await AlertForAsync(fhir, referrerId);
        var actions = fhir.Service<ReportRecipientActions>();

        var result = await actions.ServeAgainAsync(referralId, "referrer", new ServeAgainRequest(null, null, "ticket-88"), CancellationToken.None);

        Assert.Equal(RecipientActionOutcome.Done, result.Outcome);
        Assert.Equal("fhir", result.Record!.Channel);
        Assert.NotEqual(referrerId, result.Record.MessageId);
        var referrer = await Eventually.GetAsync(
            async () => await ReferrerInProofAsync(fhir, referralId) is var r && (string?)r["status"] == ServiceStatuses.Served ? r : null,
            TimeSpan.FromSeconds(20),
            () => "the referrer was not served again");
        Assert.Equal(ReceiptKinds.FhirWritten, (string?)referrer["receiptKind"]);
        Assert.Equal("DocumentReference/dr-5521", (string?)referrer["providerId"]);
        Assert.Equal(ServiceStatuses.Failed, (string?)Assert.Single(referrer["otherAttempts"]!.AsArray())!["status"]);
        Assert.Equal(2, fhir.Server.RequestsTo("POST", "/fhir/DocumentReference").Count);
        var open = await fhir.Service<IOperatorAlerts>().ListAsync(false, 100, CancellationToken.None);
        Assert.DoesNotContain(open, a => a.Key == ReportUnreachableAlerts.Key(referrerId));

        // The same operator request again queues nothing more.
        var again = await actions.ServeAgainAsync(referralId, "referrer", new ServeAgainRequest(null, null, "ticket-88"), CancellationToken.None);
        Assert.Equal(RecipientActionOutcome.Replayed, again.Outcome);
        Assert.Equal(result.Record.MessageId, again.Record!.MessageId);
        await fhir.DrainSessionAsync(referralId);
        Assert.Equal(2, fhir.Server.RequestsTo("POST", "/fhir/DocumentReference").Count);
        AssertNoPhiLogged(fhir);
    }

    /// <summary>The partner's server answers the DocumentReference POST 422 with an OperationOutcome (the first time only, when <paramref name="once"/>).</summary>
    private static void RefuseDocumentReference(FhirServerApp fhir, bool once)
    {
        var mapping = fhir.Server.Mock.Given(Request.Create().WithPath("/fhir/DocumentReference").UsingPost()).AtPriority(1);
        if (once)
        {
            mapping = mapping.InScenario("refused once").WillSetStateTo("refused");
        }

        mapping.RespondWith(Response.Create()
            .WithStatusCode(422)
            .WithHeader("Content-Type", PartnerFhirServer.FhirJson)
            .WithBody("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invariant","diagnostics":"DocumentReference.subject is required"}]}"""));
    }

    /// <summary>
    /// A FHIR referral with a report in the document store, approved: the case records the approval (as the review
    /// would) and the status change is sent as the workflow would send it.
    /// </summary>
    internal static async Task<(string ReferralId, string Sha256)> ApprovedFhirReferralAsync(FhirServerApp fhir)
    {
        var response = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var referralId = FhirServerApp.ReferralIdOf(response);
        var triaged = await WorkflowWait.UntilTriagedAsync(fhir.App.Services, referralId);
        var kept = await fhir.Service<IDocumentStore>().PutAsync(FhirFixtures.Pdf("IME report"), "application/pdf", CancellationToken.None);
        var now = TimeProvider.System.GetUtcNow();
        var approved = await fhir.Service<IReferralStore>().TransitionAsync(
            new ReferralTransition(
                referralId,
                triaged.Status,
                ReferralStatus.ReportApproved,
                new TimelineEntry(now, "referral.reportApproved", ReferralStatus.ReportApproved, "test", "test:approved:" + referralId),
                [])
            {
                Case = triaged.Case with { Reports = new CaseReports { Approval = new ReportApproval(1, [1], kept.Sha256, now, "test") } },
            },
            CancellationToken.None);
        Assert.Equal(TransitionResult.Applied, approved.Result);
        await TaskWriteBackTests.SendStatusAsync(fhir, referralId, "ReportApproved", kept.Sha256);
        return (referralId, kept.Sha256);
    }

    internal static Task<OperatorAlert> AlertForAsync(FhirServerApp fhir, string messageId) =>
        Eventually.GetAsync(
            async () => (await fhir.Service<IOperatorAlerts>().ListAsync(false, 100, CancellationToken.None)).FirstOrDefault(a => a.Key == ReportUnreachableAlerts.Key(messageId)),
            TimeSpan.FromSeconds(20),
            () => "no report.unreachable alert for the referrer");

    /// <summary>The referrer's entry in the proof of service, as the partner reads it.</summary>
    internal static async Task<JsonNode> ReferrerInProofAsync(FhirServerApp fhir, string referralId)
    {
        var response = await fhir.Client.SendAsync(ReportDeliveryHarness.PartnerProof(referralId, TestPartner.Acme));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var proof = await response.ReadObjectAsync();
        return proof["reports"]![0]!["recipients"]!.AsArray().Single(r => (string?)r!["role"] == ReportRecipientRoles.Referrer)!;
    }

    private static void AssertNoPhiLogged(FhirServerApp fhir)
    {
        var logs = fhir.App.Logs.AllText;
        foreach (var phi in FhirFixtures.Phi)
        {
            Assert.DoesNotContain(phi, logs, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("subject is required", logs, StringComparison.Ordinal);
    }
}
