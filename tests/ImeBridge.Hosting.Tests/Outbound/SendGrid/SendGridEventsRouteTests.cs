using System.Net;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Outbound.SendGrid;

/// <summary><c>POST /api/sendgrid/events</c> on the real app with the SQLite ledger, alerts and queue.</summary>
public sealed class SendGridEventsRouteTests : IDisposable
{
    private const string Claimant = "maria.gonzalez@example.com";
    private const string ReferralId = "ref_sg_1";

    private readonly SignedEventPosts sendGrid = new();
    private readonly SettledRecorder settled = new();

    public void Dispose() => sendGrid.Dispose();

    [Fact]
    public async Task A_signed_batch_moves_the_ledger_settles_once_and_alerts_on_the_bounce()
    {
        await using var app = await StartAsync();
        await ClaimAsync(app, "email:letter:1");
        await ClaimAsync(app, "email:letter:2");
        var batch = $$"""
            [{"email":"{{Claimant}}","event":"delivered","imebridge_message_id":"email:letter:1","imebridge_referral_id":"{{ReferralId}}","sg_message_id":"sg-1.f"},
            {"email":"{{Claimant}}","event":"bounce","type":"bounce","status":"5.1.1","reason":"550 5.1.1 {{Claimant}} does not exist","imebridge_message_id":"email:letter:2","sg_message_id":"sg-2.f"},
            {"email":"other@example.org","event":"delivered","sg_message_id":"sg-3.f"}]
            """;

        using var first = await app.Client.SendAsync(sendGrid.Post(batch));
        using var repeat = await app.Client.SendAsync(sendGrid.Post(batch));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var ledger = app.Services.GetRequiredService<IOutboundLedger>();
        var delivered = await ledger.FindAsync("email:letter:1", CancellationToken.None);
        var bounced = await ledger.FindAsync("email:letter:2", CancellationToken.None);
        Assert.Equal((OutboundStatuses.Delivered, "sg-1.f"), (delivered!.Status, delivered.ProviderId));
        Assert.Equal((OutboundStatuses.Bounced, "bounce:bounce:5.1.1"), (bounced!.Status, bounced.Detail));

        var alerts = await app.Services.GetRequiredService<IOperatorAlerts>().ListAsync(includeResolved: true, 100, CancellationToken.None);
        var alert = Assert.Single(alerts, a => a.Kind == "email.bounced");
        Assert.Equal(ReferralId, alert.ReferralId);

        await Eventually.UntilAsync(() => Task.FromResult(settled.Seen.Count >= 2), TimeSpan.FromSeconds(20), "the two DeliverySettled messages were not dispatched");
        Assert.Equal(["settled:email:letter:1:delivered", "settled:email:letter:2:bounced"], settled.Seen.Keys.Order(StringComparer.Ordinal));
        Assert.All(settled.Seen.Values, s => Assert.Equal(ReferralId, s.SessionId));
        Assert.DoesNotContain(Claimant, app.Logs.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("does not exist", app.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_a_stale_or_an_unsigned_post_is_403_and_changes_nothing()
    {
        await using var app = await StartAsync();
        await ClaimAsync(app, "email:letter:1");
        const string Batch = """[{"event":"dropped","imebridge_message_id":"email:letter:1"}]""";
        using var forger = new SignedEventPosts();
        using var unsigned = sendGrid.Post(Batch);
        unsigned.Headers.Remove("X-Twilio-Email-Event-Webhook-Signature");

        foreach (var (request, check) in new[]
                 {
                     (forger.Post(Batch), "BadSignature"),
                     (sendGrid.Post(Batch, at: TimeProvider.System.GetUtcNow().AddMinutes(-30)), "StaleTimestamp"),
                     (unsigned, "MissingHeaders"),
                 })
        {
            using var response = await app.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(check, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var record = await app.Services.GetRequiredService<IOutboundLedger>().FindAsync("email:letter:1", CancellationToken.None);
        Assert.Equal(OutboundStatuses.Sent, record!.Status);
    }

    [Fact]
    public async Task A_signed_body_that_is_not_an_event_array_is_400()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.SendAsync(sendGrid.Post("""{"event":"delivered"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Without_a_public_key_the_route_is_404_and_says_which_setting_is_missing()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.Client.SendAsync(sendGrid.Post("[]"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sendgrid:eventWebhookPublicKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<TestApp> StartAsync() => TestApp.StartAsync(
        settings: new Dictionary<string, string?> { ["sendgrid:eventWebhookPublicKey"] = sendGrid.PublicKey },
        services: s => s.AddSingleton<IMessageHandler>(settled));

    private static async Task ClaimAsync(TestApp app, string messageId)
    {
        var ledger = app.Services.GetRequiredService<IOutboundLedger>();
        var now = TimeProvider.System.GetUtcNow();
        Assert.Null(await ledger.ClaimAsync(new OutboundRecord(messageId, OutboundChannels.Email, ReferralId, "appointment.letter", Claimant, OutboundStatuses.Claimed, null, null, now, now), CancellationToken.None));
        Assert.True(await ledger.UpdateAsync(messageId, OutboundStatuses.Sent, "x-msg-id", null, CancellationToken.None));
    }
}
