using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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

/// <summary>
/// An operator's actions on a report recipient that was not served: serve it again at a corrected address, or record
/// that it was served by hand; and the answers to requests that cannot be followed.
/// </summary>
public sealed partial class ReportRecipientOpsTests
{
    private const string CorrectedEmail = "records@varga-ortho.example";

    [Fact]
    public async Task An_unreachable_physician_served_again_at_a_corrected_address_gets_the_link_and_a_receipt_and_the_referral_ends_Delivered()
    {
        var email = new RecordingEmailSender();
        await using var harness = await StartAsync(s => s.AddSingleton<IEmailSender>(email));
        var referralId = await ApprovedReferralAsync(harness, withPhysicianEmail: false);
        var firstId = (await UnreachableAlertAsync(harness, referralId)).Key[(ReportUnreachableAlerts.Kind.Length + 1)..];

        var response = await harness.SendAsync(Reserve(referralId, "treatingPhysician", new { address = CorrectedEmail }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.ReadObjectAsync();
        Assert.Equal("email", (string?)queued["channel"]);
        Assert.Equal("r***@varga-ortho.example", (string?)queued["address"]);
        Assert.False((bool)queued["replayed"]!);
        var attemptId = (string)queued["messageId"]!;
        Assert.NotEqual(firstId, attemptId);
        await DeliveredAsync(harness, referralId);

        // The email went to the corrected address, under the attempt's own id, with a working link.
        var sent = Assert.Single(email.Sent, e => e.To == CorrectedEmail);
        Assert.Equal(attemptId, sent.MessageId);
        var link = await harness.App.Client.GetAsync(LinkPath().Match(sent.TextBody).Value);
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        Assert.Equal(ReportsHarness.Pdf, await link.Content.ReadAsByteArrayAsync());

        var physician = Recipient(await ProofAsync(harness, referralId), "treatingPhysician");
        Assert.Equal("treatingPhysician", (string?)physician["recipientKey"]);
        Assert.Equal("served", (string?)physician["status"]);
        Assert.Equal("downloaded", (string?)physician["receiptKind"]);
        Assert.Equal("r***@varga-ortho.example", (string?)physician["address"]);
        var earlier = Assert.Single(physician["otherAttempts"]!.AsArray());
        Assert.Equal("unreachable", (string?)earlier!["status"]);
        var alerts = await harness.App.Services.GetRequiredService<IOperatorAlerts>().ListAsync(false, 100, CancellationToken.None);
        Assert.DoesNotContain(alerts, a => a.ReferralId == referralId);

        // The same request again is the same attempt: nothing more is sent.
        var again = await harness.SendAsync(Reserve(referralId, "treatingPhysician", new { address = CorrectedEmail }));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var replay = await again.ReadObjectAsync();
        Assert.True((bool)replay["replayed"]!);
        Assert.Equal(attemptId, (string?)replay["messageId"]);
        Assert.Single(email.Sent, e => e.To == CorrectedEmail);

        var logs = harness.App.Logs.AllText;
        foreach (var phi in ReferralBodies.ClaimantPhi().Concat([CorrectedEmail, "Helena Varga"]))
        {
            Assert.DoesNotContain(phi, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_webhook_referrer_whose_delivery_was_given_up_is_served_by_email_instead()
    {
        var email = new RecordingEmailSender();
        var webhooks = new SubscribedWebhooks();
        await using var harness = await StartAsync(s =>
        {
            s.AddSingleton<IEmailSender>(email);
            s.AddSingleton<IReportWebhookChannel>(webhooks);
        });
        var referralId = await ApprovedReferralAsync(harness);
        var webhookId = await Eventually.GetAsync(() => Task.FromResult(webhooks.Published.Count > 0 ? webhooks.Published[0] : null), TimeSpan.FromSeconds(20), () => "report.available was not published");
        var settled = new DeliverySettled(webhookId, referralId, OutboundChannels.Webhook, ReportDeliveryIds.Purpose, OutboundStatuses.Failed, TimeProvider.System.GetUtcNow());
        await harness.App.Services.GetRequiredService<IMessageQueue>().SendAsync(
            [new QueueMessage($"{DeliverySettled.MessageType}:{webhookId}:failed", DeliverySettled.MessageType, referralId, JsonSerializer.SerializeToUtf8Bytes(settled, MessageJson.Options))],
            CancellationToken.None);
        await UnreachableAlertAsync(harness, referralId);

        var response = await harness.SendAsync(Reserve(referralId, "referrer", new { channel = "email" }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.ReadObjectAsync();
        Assert.Equal("p***@acme-mutual.example", (string?)queued["address"]);
        await DeliveredAsync(harness, referralId);
        Assert.Single(email.Sent, e => e.MessageId == (string?)queued["messageId"] && e.To == "pnatarajan@acme-mutual.example");
        Assert.Single(webhooks.Published);
        var referrer = Recipient(await ProofAsync(harness, referralId), "referrer");
        Assert.Equal("email", (string?)referrer["channel"]);
        Assert.Equal("providerAccepted", (string?)referrer["receiptKind"]);
        var webhook = Assert.Single(referrer["otherAttempts"]!.AsArray())!;
        Assert.Equal("webhook", (string?)webhook["channel"]);
        Assert.Equal("failed", (string?)webhook["status"]);
        var alerts = await harness.App.Services.GetRequiredService<IOperatorAlerts>().ListAsync(false, 100, CancellationToken.None);
        Assert.DoesNotContain(alerts, a => a.ReferralId == referralId);
    }

    [Fact]
    public async Task A_recipient_served_by_hand_moves_the_referral_to_Delivered_resolves_its_alert_and_shows_on_the_certificate()
    {
        await using var harness = await StartAsync();
        var referralId = await ApprovedReferralAsync(harness, withPhysicianEmail: false);
        await UnreachableAlertAsync(harness, referralId);
        await ClaimantServedAsync(harness, referralId);
        var servedAt = TimeProvider.System.GetUtcNow();

        var response = await harness.SendAsync(MarkServed(referralId, "treatingPhysician", new { method = "mail", servedAt = servedAt.ToString("O"), by = "Dana Whitfield", note = "certified mail 7019 2280 0001" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)(await response.ReadObjectAsync())["delivered"]!);
        var delivered = await DeliveredAsync(harness, referralId);
        Assert.Equal(ReferralStatus.Delivered, delivered.Status);
        var physician = Recipient(await ProofAsync(harness, referralId), "treatingPhysician");
        Assert.Equal("served", (string?)physician["status"]);
        Assert.Equal(ReceiptKinds.ServedByOperator, (string?)physician["receiptKind"]);
        Assert.Equal("mail", (string?)physician["channel"]);
        Assert.Equal("Dana Whitfield", (string?)physician["servedBy"]);
        var alerts = await harness.App.Services.GetRequiredService<IOperatorAlerts>().ListAsync(false, 100, CancellationToken.None);
        Assert.DoesNotContain(alerts, a => a.ReferralId == referralId);

        var certificate = await (await harness.SendAsync(OpsProof(referralId, "text"))).Content.ReadAsStringAsync();
        Assert.Contains("complete: every required recipient was served", certificate, StringComparison.Ordinal);
        Assert.Contains("By:       mail", certificate, StringComparison.Ordinal);
        Assert.Contains("(servedByOperator)", certificate, StringComparison.Ordinal);
        Assert.Contains("Served by: Dana Whitfield", certificate, StringComparison.Ordinal);
        Assert.Contains("certified mail 7019 2280 0001", certificate, StringComparison.Ordinal);
        Assert.Contains(servedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), certificate, StringComparison.Ordinal);

        // Served now: neither served by hand again nor sent again.
        var twice = await harness.SendAsync(MarkServed(referralId, "treatingPhysician", new { method = "fax", servedAt = servedAt.ToString("O"), by = "Dana Whitfield" }));
        await AssertProblemAsync(twice, HttpStatusCode.Conflict, "already served");
        await AssertProblemAsync(await harness.SendAsync(Reserve(referralId, "treatingPhysician", new { address = CorrectedEmail })), HttpStatusCode.Conflict, "already served");
        Assert.DoesNotContain("Dana Whitfield", harness.App.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("7019 2280", harness.App.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_that_cannot_be_followed_are_answered_with_a_problem_naming_why()
    {
        await using var harness = await StartAsync();
        var referralId = await ApprovedReferralAsync(harness, withPhysicianEmail: false);
        await UnreachableAlertAsync(harness, referralId);
        await ClaimantServedAsync(harness, referralId);
        // Another claim (the same claimant and claim would be linked to the first referral as a duplicate).
        var examined = await harness.ExaminedReferralAsync(edit: body => body["claim"]!["claimNumber"] = "WC-2026-887766");
        var now = TimeProvider.System.GetUtcNow().ToString("O");

        var anonymous = Reserve(referralId, "treatingPhysician", new { address = CorrectedEmail });
        anonymous.Headers.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await harness.SendAsync(anonymous)).StatusCode);
        await AssertProblemAsync(await harness.SendAsync(Reserve("no-such-referral", "claimant", new { })), HttpStatusCode.NotFound, "No referral");
        await AssertProblemAsync(await harness.SendAsync(Reserve(referralId, "expert", new { })), HttpStatusCode.NotFound, "recipientKey");
        await AssertProblemAsync(await harness.SendAsync(MarkServed(referralId, "claimantRepresentative:2", new { method = "mail", servedAt = now, by = "Dana" })), HttpStatusCode.NotFound, "claimantRepresentative:2");
        await AssertProblemAsync(await harness.SendAsync(Reserve(examined, "claimant", new { })), HttpStatusCode.Conflict, "approved");
        await AssertProblemAsync(await harness.SendAsync(MarkServed(examined, "claimant", new { method = "mail", servedAt = now, by = "Dana" })), HttpStatusCode.Conflict, "approved");
        await AssertProblemAsync(await harness.SendAsync(Reserve(referralId, "claimant", new { })), HttpStatusCode.Conflict, "already served");

        await AssertFieldAsync(await harness.SendAsync(Reserve(referralId, "treatingPhysician", new { address = "not an address" })), "address");
        await AssertFieldAsync(await harness.SendAsync(Reserve(referralId, "treatingPhysician", new { channel = "sms", address = CorrectedEmail })), "channel");
        await AssertFieldAsync(await harness.SendAsync(Reserve(referralId, "treatingPhysician", new { channel = "webhook" })), "channel");
        await AssertFieldAsync(await harness.SendAsync(Reserve(referralId, "treatingPhysician", new { })), "address");
        await AssertFieldAsync(await harness.SendAsync(MarkServed(referralId, "treatingPhysician", new { servedAt = now, by = "Dana" })), "method");
        await AssertFieldAsync(await harness.SendAsync(MarkServed(referralId, "treatingPhysician", new { method = "pigeon", servedAt = now, by = "Dana" })), "method");
        await AssertFieldAsync(await harness.SendAsync(MarkServed(referralId, "treatingPhysician", new { method = "mail", servedAt = "2026-05-04T15:30:00", by = "Dana" })), "servedAt");
        await AssertFieldAsync(await harness.SendAsync(MarkServed(referralId, "treatingPhysician", new { method = "mail", servedAt = TimeProvider.System.GetUtcNow().AddDays(2).ToString("O"), by = "Dana" })), "servedAt");
        await AssertFieldAsync(await harness.SendAsync(MarkServed(referralId, "treatingPhysician", new { method = "mail", servedAt = now })), "by");
        var notJson = MarkServed(referralId, "treatingPhysician", new { });
        notJson.Content = new StringContent("{ method: mail", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await harness.SendAsync(notJson)).StatusCode);

        // Nothing of the refused requests was recorded: the physician is still unreached, with its first delivery only.
        var physician = Recipient(await ProofAsync(harness, referralId), "treatingPhysician");
        Assert.Equal("unreachable", (string?)physician["status"]);
        Assert.Empty(physician["otherAttempts"]!.AsArray());
    }

    internal static HttpRequestMessage Reserve(string referralId, string recipientKey, object body) =>
        Ops($"/api/ops/referrals/{referralId}/report-recipients/{recipientKey}/reserve", body);

    internal static HttpRequestMessage MarkServed(string referralId, string recipientKey, object body) =>
        Ops($"/api/ops/referrals/{referralId}/report-recipients/{recipientKey}/mark-served", body);

    private static HttpRequestMessage Ops(string path, object body) =>
        new(HttpMethod.Post, path)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", ReportsHarness.OperatorToken) },
            Content = JsonContent.Create(body),
        };

    private static Task<OperatorAlert> UnreachableAlertAsync(ReportsHarness harness, string referralId) =>
        Eventually.GetAsync(
            async () => (await harness.App.Services.GetRequiredService<IOperatorAlerts>().ListAsync(false, 100, CancellationToken.None))
                .FirstOrDefault(a => a.ReferralId == referralId && a.Kind == ReportUnreachableAlerts.Kind),
            TimeSpan.FromSeconds(20),
            () => "no report.unreachable alert was raised");

    /// <summary>Waits until the approval has served the claimant, the last of the recipients it serves.</summary>
    private static Task ClaimantServedAsync(ReportsHarness harness, string referralId) =>
        Eventually.UntilAsync(
            async () => (await ProofAsync(harness, referralId))["reports"]!.AsArray()
                .SelectMany(r => r!["recipients"]!.AsArray())
                .Any(r => (string?)r!["role"] == "claimant" && (string?)r["status"] == "served"),
            TimeSpan.FromSeconds(20),
            "the claimant was not served");

    private static async Task<JsonObject> ProofAsync(ReportsHarness harness, string referralId) =>
        await (await harness.SendAsync(OpsProof(referralId))).ReadObjectAsync();

    private static JsonNode Recipient(JsonObject proof, string role) =>
        proof["reports"]![0]!["recipients"]!.AsArray().Single(r => (string?)r!["role"] == role)!;

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(says, (string?)(await response.ReadObjectAsync())["detail"], StringComparison.Ordinal);
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
    }

    [GeneratedRegex("/api/report-links/[A-Za-z0-9_.-]+")]
    private static partial Regex LinkPath();

    /// <summary>A partner that subscribes to report.available; what is published is kept.</summary>
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
