using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Hosting.Tests.Workflow.Reports;
using Microsoft.Extensions.DependencyInjection;
using static ImeBridge.Hosting.Tests.Outbound.ReportDelivery.ReportDeliveryHarness;

namespace ImeBridge.Hosting.Tests.Outbound.ReportDelivery;

/// <summary>An approved New York report on the running bridge: served on every party, proven, and the referral Delivered.</summary>
public sealed partial class ReportDeliveryTests
{
    [Fact]
    public async Task An_approved_New_York_report_is_served_on_all_five_parties_through_the_outbox_and_the_referral_ends_Delivered()
    {
        await using var harness = await StartAsync();
        var referralId = await ApprovedReferralAsync(harness);

        var delivered = await DeliveredAsync(harness, referralId);

        Assert.Contains("served on 5 required recipients", delivered.Timeline.Single(e => e.Event == "referral.delivered").Detail, StringComparison.Ordinal);
        var proof = await (await harness.SendAsync(OpsProof(referralId))).ReadObjectAsync();
        Assert.Equal("Delivered", (string?)proof["status"]);
        var report = proof["reports"]!.AsArray().Single()!;
        Assert.True((bool)report["complete"]!);
        Assert.Equal("ny-report-recipients", (string?)report["ruleId"]);
        var recipients = report["recipients"]!.AsArray();
        Assert.Equal(
            ["board", "referrer", "treatingPhysician", "claimantRepresentative", "claimant"],
            recipients.Select(r => (string)r!["role"]!));
        Assert.All(recipients, r =>
        {
            Assert.Equal("email", (string?)r!["channel"]);
            Assert.Equal("served", (string?)r["status"]);
            Assert.Equal("outbox", (string?)r["receiptKind"]);
            Assert.NotNull((string?)r["sentAt"]);
            Assert.Matches("^.\\*\\*\\*@", (string)r["address"]!);
        });
        Assert.Equal("i***@wcb.ny.example", (string?)recipients[0]!["address"]);

        // The ledger has one record per recipient, purpose report.delivery, written to the outbox.
        var ledger = await harness.App.Services.GetRequiredService<IOutboundLedger>().ListForReferralAsync(referralId, CancellationToken.None);
        Assert.Equal(5, ledger.Count(r => r.Purpose == ReportDeliveryIds.Purpose && r.Status == OutboundStatuses.Outbox));

        // The certificate to print, and the partner reads its own referral's proof but not another's.
        var text = await harness.SendAsync(OpsProof(referralId, "text"));
        Assert.Equal("text/plain", text.Content.Headers.ContentType!.MediaType);
        var certificate = await text.Content.ReadAsStringAsync();
        Assert.Contains("CERTIFICATE OF SERVICE", certificate, StringComparison.Ordinal);
        Assert.Contains("the treating physician: Dr. Helena Varga, MD", certificate, StringComparison.Ordinal);
        Assert.DoesNotContain(PhysicianEmail, certificate, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await harness.SendAsync(PartnerProof(referralId, TestPartner.Acme))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await harness.SendAsync(PartnerProof(referralId, TestPartner.Globex))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await harness.SendAsync(OpsProof(referralId, "pdf"))).StatusCode);

        // No PHI of the fixtures in any log line.
        var logs = harness.App.Logs.AllText;
        foreach (var phi in ReferralBodies.ClaimantPhi().Concat([BoardEmail, PhysicianEmail, "pnatarajan@acme-mutual.example", "mbellweather@bellweather-ruiz.example", "Helena Varga"]))
        {
            Assert.DoesNotContain(phi, logs, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("/api/report-links/", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_handled_twice_sends_each_email_once()
    {
        var email = new RecordingEmailSender();
        await using var harness = await StartAsync(s => s.AddSingleton<IEmailSender>(email));
        var referralId = await ApprovedReferralAsync(harness);
        await DeliveredAsync(harness, referralId);
        var approval = await harness.StatusChanges.WaitForAsync(m => m.SessionId == referralId && ReportsHarness.Body<ReferralStatusChanged>(m).Status == ReferralStatus.ReportApproved);

        var handler = harness.App.Services.GetServices<IMessageHandler>().OfType<ReportApprovedHandler>().Single();
        await handler.HandleAsync(approval with { DeliveryCount = approval.DeliveryCount + 1 }, CancellationToken.None);

        // The referrer's status notices go through the same sender; the report's emails are those of its purpose.
        var reports = email.Sent.Where(e => e.Purpose == ReportDeliveryIds.Purpose).ToList();
        Assert.Equal(5, reports.Count);
        Assert.Equal(5, reports.Select(e => e.MessageId).Distinct().Count());
        Assert.Contains(reports, e => e.MessageId.EndsWith(":treatingPhysician", StringComparison.Ordinal) && e.To == PhysicianEmail);
        var proof = await (await harness.SendAsync(OpsProof(referralId))).ReadObjectAsync();
        Assert.All(proof["reports"]![0]!["recipients"]!.AsArray(), r => Assert.Equal("providerAccepted", (string?)r!["receiptKind"]));
    }

    [Fact]
    public async Task A_report_link_streams_the_pdf_records_the_first_download_and_refuses_tampered_and_expired_links()
    {
        var email = new RecordingEmailSender();
        var clock = new ShiftedClock();
        await using var harness = await StartAsync(s =>
        {
            s.AddSingleton<IEmailSender>(email);
            s.AddSingleton<TimeProvider>(clock);
        });
        var referralId = await ApprovedReferralAsync(harness);
        await DeliveredAsync(harness, referralId);
        var claimantEmail = email.Sent.Single(e => e.MessageId.EndsWith(":claimant", StringComparison.Ordinal));
        var path = LinkPath().Match(claimantEmail.TextBody).Value;
        Assert.StartsWith("/api/report-links/", path, StringComparison.Ordinal);

        var first = await harness.App.Client.GetAsync(path);
        var proofAfterFirst = await (await harness.SendAsync(OpsProof(referralId))).ReadObjectAsync();
        var second = await harness.App.Client.GetAsync(path);
        var proofAfterSecond = await (await harness.SendAsync(OpsProof(referralId))).ReadObjectAsync();
        var tampered = await harness.App.Client.GetAsync(path[..^3] + (path[^3] == 'A' ? "B" : "A") + path[^2..]);
        clock.Advance(TimeSpan.FromDays(15));
        var expired = await harness.App.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/pdf", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(ReportsHarness.Pdf, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-store", first.Headers.CacheControl!.ToString());
        var claimant = Recipient(proofAfterFirst, "claimant");
        Assert.Equal("downloaded", (string?)claimant["receiptKind"]);
        Assert.NotNull((string?)claimant["downloadedAt"]);
        Assert.Equal("providerAccepted", (string?)Recipient(proofAfterFirst, "board")["receiptKind"]);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((string?)claimant["downloadedAt"], (string?)Recipient(proofAfterSecond, "claimant")["downloadedAt"]);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Equal("application/problem+json", tampered.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
    }

    [Fact]
    public async Task A_treating_physician_without_an_email_is_alerted_the_same_day_and_the_referral_is_not_Delivered()
    {
        await using var harness = await StartAsync();
        var referralId = await ApprovedReferralAsync(harness, withPhysicianEmail: false);

        var alerts = harness.App.Services.GetRequiredService<IOperatorAlerts>();
        var alert = await Eventually.GetAsync(
            async () => (await alerts.ListAsync(false, 100, CancellationToken.None)).FirstOrDefault(a => a.ReferralId == referralId),
            TimeSpan.FromSeconds(20),
            () => "no report.unreachable alert was raised");
        await Eventually.UntilAsync(
            async () => Served(await (await harness.SendAsync(OpsProof(referralId))).ReadObjectAsync(), "claimant"),
            TimeSpan.FromSeconds(20),
            "the other recipients were not served");

        Assert.Equal("report.unreachable", alert.Kind);
        Assert.Contains("treatingPhysician", alert.Detail, StringComparison.Ordinal);
        var proof = await (await harness.SendAsync(OpsProof(referralId))).ReadObjectAsync();
        Assert.False((bool)proof["reports"]![0]!["complete"]!);
        Assert.Equal("unreachable", (string?)Recipient(proof, "treatingPhysician")["status"]);
        var stored = await harness.App.Services.GetRequiredService<IReferralStore>().GetAsync(referralId, CancellationToken.None);
        Assert.Equal(ReferralStatus.ReportApproved, stored!.Status);
        var approvedAt = stored.Timeline.Single(e => e.Event == "referral.reportApproved").At;
        Assert.Equal(approvedAt.UtcDateTime.Date, alert.RaisedAt.UtcDateTime.Date);
    }

    [Fact]
    public async Task A_webhook_referrer_is_served_when_its_receipt_comes_back_and_a_failed_receipt_alerts()
    {
        var webhooks = new SubscribedWebhooks();
        await using var harness = await StartAsync(s => s.AddSingleton<IReportWebhookChannel>(webhooks));
        var referralId = await ApprovedReferralAsync(harness);
        var referrerId = await Eventually.GetAsync(() => Task.FromResult(webhooks.Published.Count > 0 ? webhooks.Published[0] : null), TimeSpan.FromSeconds(20), () => "report.available was not published");
        await Eventually.UntilAsync(
            async () => Served(await (await harness.SendAsync(OpsProof(referralId))).ReadObjectAsync(), "claimant"),
            TimeSpan.FromSeconds(20),
            "the emails were not served");
        var waiting = await harness.App.Services.GetRequiredService<IReferralStore>().GetAsync(referralId, CancellationToken.None);
        Assert.Equal(ReferralStatus.ReportApproved, waiting!.Status);

        var queue = harness.App.Services.GetRequiredService<IMessageQueue>();
        await queue.SendAsync([Settled(referrerId, referralId, OutboundStatuses.Delivered)], CancellationToken.None);
        await DeliveredAsync(harness, referralId);

        var referrer = Recipient(await (await harness.SendAsync(OpsProof(referralId))).ReadObjectAsync(), "referrer");
        Assert.Equal("webhook", (string?)referrer["channel"]);
        Assert.Equal("webhookAccepted", (string?)referrer["receiptKind"]);
        Assert.Equal("webhook:" + TestPartner.Acme.Id, (string?)referrer["address"]);

        // A later failure of the same delivery (given up) makes it an operator's matter.
        await queue.SendAsync([Settled(referrerId, referralId, OutboundStatuses.Failed, "again")], CancellationToken.None);
        var alerts = harness.App.Services.GetRequiredService<IOperatorAlerts>();
        var alert = await Eventually.GetAsync(
            async () => (await alerts.ListAsync(false, 100, CancellationToken.None)).FirstOrDefault(a => a.ReferralId == referralId),
            TimeSpan.FromSeconds(20),
            () => "no alert for the failed receipt");
        Assert.Equal("report.unreachable", alert.Kind);
    }

    private static QueueMessage Settled(string messageId, string referralId, string outcome, string suffix = "") =>
        new(
            $"{DeliverySettled.MessageType}:{messageId}{suffix}",
            DeliverySettled.MessageType,
            referralId,
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new DeliverySettled(messageId, referralId, OutboundChannels.Webhook, ReportDeliveryIds.Purpose, outcome, TimeProvider.System.GetUtcNow(), "wh-1"), MessageJson.Options));

    private static bool Served(JsonObject proof, string role) =>
        proof["reports"]!.AsArray().SelectMany(r => r!["recipients"]!.AsArray()).Any(r => (string?)r!["role"] == role && (string?)r["status"] == "served");

    private static JsonNode Recipient(JsonObject proof, string role) =>
        proof["reports"]![0]!["recipients"]!.AsArray().Single(r => (string?)r!["role"] == role)!;

    [GeneratedRegex("/api/report-links/[A-Za-z0-9_.-]+")]
    private static partial Regex LinkPath();

    private sealed class SubscribedWebhooks : IReportWebhookChannel
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> published = new();

        public IReadOnlyList<string> Published => [.. published];

        public Task<bool> IsSubscribedAsync(string partnerId, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<int> PublishReportAvailableAsync(StoredReferral referral, string reportSha256, string ledgerMessageId, CancellationToken cancellationToken)
        {
            published.Enqueue(ledgerMessageId);
            return Task.FromResult(1);
        }
    }
}
