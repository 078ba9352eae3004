using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Hosting.Tests.Workflow.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Workflow.Lifecycle;

/// <summary>
/// One referral through the whole workflow on the running bridge (imebridge serve's composition), weeks passing on a
/// shifted clock: signed webhook → triage → match → documents asked for and uploaded → packet → booked → exam →
/// report with a gap → corrected report → review asks for the clarification prepared from the disagreement with the
/// treating physician → addendum → approved, ready to deliver.
/// </summary>
public sealed class LifecycleTests
{
    private const string OperatorToken = "ops-token-for-lifecycle-0123456789";
    private const string WriterToken = "writer-token-for-lifecycle-0123456789";
    private static readonly byte[] RecordsPdf = "%PDF-1.7\n% operative report and clinic notes\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_referral_goes_from_a_signed_webhook_to_an_approved_report_with_every_step_on_its_timeline()
    {
        var clock = new ShiftedClock();
        // A weekday morning in Albany: the claimant's notice goes at once (quiet hours would hold it at night).
        clock.AdvanceToWeekdayMorning(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), 10);
        var statusChanges = new MessageRecorder(MessageTypes.ReferralStatusChanged);
        await using var app = await TestApp.StartAsync(
            settings: new Dictionary<string, string?> { ["operatorToken"] = OperatorToken, ["reports:writerToken"] = WriterToken },
            services: s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<IMessageHandler>(statusChanges);
            });
        await app.Services.GetRequiredService<IExpertDirectory>().UpsertAsync([LifecycleExpert.Create(clock.GetUtcNow())], CancellationToken.None);

        // Intake: the treating physician says the fracture is work-related and the claimant cannot work.
        var body = ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId());
        body["claim"]!["claimNumber"] = "WC-NY-LIFE-" + Guid.NewGuid().ToString("N")[..8];
        body["request"]!["treatingPhysician"]!["opinion"] = new JsonObject { ["causation"] = "related", ["workRestrictions"] = "offWork" };
        var posted = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Bytes(body), timestamp: clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var referralId = (string)(await posted.ReadObjectAsync())["referralId"]!;

        // Triage, match, and the records the referral only listed are asked for.
        var waiting = await WorkflowWait.UntilEventAsync(app.Services, referralId, "documents.requested");
        Assert.Equal(ReferralStatus.ExpertMatched, waiting.Status);
        Assert.Equal("npi:" + LifecycleExpert.Npi, waiting.Case.Match!.ExpertId);
        Assert.Contains("medicalRecords", waiting.Timeline.Single(e => e.Event == "documents.requested").Detail, StringComparison.Ordinal);

        // The referrer uploads them: the packet is assembled and the exam booked after the New York notice period.
        var upload = await app.Client.SendAsync(Upload(referralId, "medicalRecords", RecordsPdf));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var scheduled = await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.scheduled");
        var appointment = scheduled.Case.Scheduling!.Appointment!;
        Assert.Equal("alb", appointment.OfficeId);
        Assert.Equal("ny-notice", appointment.NoticeRuleId);
        Assert.True(appointment.Start > clock.GetUtcNow().AddDays(7), "the exam is booked after the notice period");
        Assert.NotNull(scheduled.Case.Documents);

        // The claimant is told: the notice goes by SMS (to the local outbox here) and the letter by email.
        await WorkflowWait.UntilStatusAsync(app.Services, referralId, ReferralStatus.ClaimantNotified);

        // The exam happens (weeks later) and the office marks it.
        clock.Advance(appointment.Start.AddHours(2) - clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(Operator(referralId, ReferralStatus.Examined))).StatusCode);

        // The first report leaves a question unanswered: QA sends it back.
        var report = ReportsHarness.CompleteReport(referralId);
        report["findings"] = new JsonObject { ["causation"] = "notRelated", ["mmiReached"] = false, ["workRestrictions"] = "modifiedDuty" };
        var withGap = report.DeepClone().AsObject();
        withGap["answers"]!.AsObject().Remove("q2");
        clock.Advance(TimeSpan.FromDays(9));
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(ReportsHarness.Report(withGap, token: WriterToken))).StatusCode);
        var failed = await WorkflowWait.UntilEventAsync(app.Services, referralId, "qa.failed");
        Assert.Contains("question q2 unanswered", failed.Timeline.Single(e => e.Event == "qa.failed").Detail, StringComparison.Ordinal);

        // The corrected report passes; it disagrees with the treating physician, so a clarification is prepared.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(ReportsHarness.Report(report, pdf: Pdf("corrected"), token: WriterToken))).StatusCode);
        var prepared = await WorkflowWait.UntilEventAsync(app.Services, referralId, "clarification.prepared");
        Assert.Equal(ReferralStatus.ReportReceived, prepared.Status);
        Assert.Equal(2, prepared.Case.Reports!.PreparedClarification!.Questions.Count);

        // The referrer reviews and sends the prepared clarification; the expert answers it in an addendum.
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(Review(referralId, new { decision = "clarify" }))).StatusCode);
        var asked = await WorkflowWait.UntilStatusAsync(app.Services, referralId, ReferralStatus.ClarificationRequested);
        var questionIds = asked.Case.Reports!.LatestClarification!.Questions.Select(q => q.Id).ToArray();
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(ReportsHarness.Report(ReportsHarness.Addendum(referralId, questionIds), pdf: Pdf("addendum"), token: WriterToken))).StatusCode);
        var addendum = await WorkflowWait.UntilEventAsync(app.Services, referralId, "qa.passed", atLeast: 2);
        Assert.Equal(ReferralStatus.AddendumReceived, addendum.Status);

        // Approved: ready to deliver, and the status change carries the addendum to send.
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(Review(referralId, new { decision = "approve" }))).StatusCode);
        var approved = await WorkflowWait.UntilStatusAsync(app.Services, referralId, ReferralStatus.ReportApproved);
        var change = await statusChanges.WaitForAsync(m => Read(m) is { Status: ReferralStatus.ReportApproved } c && c.ReferralId == referralId);
        Assert.Equal(approved.Case.Reports!.Latest!.Sha256, Read(change).ReportSha256);

        Assert.Equal(
            [
                "referral.received", "referral.triaged", "referral.expertMatched", "documents.requested", "documents.received",
                "referral.documentsReady", "referral.scheduled", "referral.claimantNotified", "referral.examined",
                "referral.reportReceived", "qa.failed", "referral.reportReceived", "qa.passed", "clarification.prepared",
                "referral.clarificationRequested", "referral.addendumReceived", "qa.passed", "referral.reportApproved",
            ],
            approved.Timeline.Select(e => e.Event).Where(Milestone).ToArray());
        Assert.DoesNotContain(approved.Timeline, e => e.Event == "transition.refused");
        Assert.All(approved.Timeline.Zip(approved.Timeline.Skip(1)), pair => Assert.True(pair.First.At <= pair.Second.At, "the timeline is in time order"));

        // The referrer reads the state, the exam it was told of, and each version it reviewed.
        var partnerView = await (await app.Client.SendAsync(SignedRequests.Get($"/api/referrals/{referralId}", TestPartner.Acme.ApiToken))).ReadObjectAsync();
        Assert.Equal("ReportApproved", (string?)partnerView["status"]);
        Assert.Equal(appointment.Start, (DateTimeOffset)partnerView["appointment"]!["start"]!);
        var versions = partnerView["reports"]!.AsArray();
        Assert.Equal([false, true, true], versions.Select(v => (bool)v!["qaPassed"]!));
        Assert.Equal([false, true, true], versions.Select(v => (bool)v!["approved"]!));
        var addendumPdf = await app.Client.SendAsync(SignedRequests.Get((string)versions[2]!["href"]!, TestPartner.Acme.ApiToken));
        Assert.Equal("application/pdf", addendumPdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf("addendum"), await addendumPdf.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(SignedRequests.Get((string)versions[2]!["href"]!, TestPartner.Globex.ApiToken))).StatusCode);
    }

    // Packet and link entries are the documents step's detail; the milestones are what this test follows.
    private static bool Milestone(string eventName) => !eventName.StartsWith("packet.", StringComparison.Ordinal);

    private static ReferralStatusChanged Read(ReceivedMessage message) => JsonSerializer.Deserialize<ReferralStatusChanged>(message.Body.Span, MessageJson.Options)!;

    private static byte[] Pdf(string note) => Encoding.ASCII.GetBytes($"%PDF-1.7\n% {note}\n%%EOF\n");

    private static HttpRequestMessage Upload(string referralId, string kind, byte[] pdf)
    {
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var form = new MultipartFormDataContent { { part, kind, "records.pdf" } };
        return Partner(HttpMethod.Post, $"/api/referrals/{referralId}/documents", form);
    }

    private static HttpRequestMessage Review(string referralId, object decision) =>
        Partner(HttpMethod.Post, $"/api/referrals/{referralId}/review", JsonContent.Create(decision));

    private static HttpRequestMessage Partner(HttpMethod method, string path, HttpContent content) =>
        new(method, path) { Content = content, Headers = { Authorization = new AuthenticationHeaderValue("Bearer", TestPartner.Acme.ApiToken) } };

    private static HttpRequestMessage Operator(string referralId, string to) =>
        new(HttpMethod.Post, $"/api/ops/referrals/{referralId}/transitions")
        {
            Content = JsonContent.Create(new { to, reason = "exam held; the office confirmed attendance", @operator = "avery" }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken) },
        };
}
