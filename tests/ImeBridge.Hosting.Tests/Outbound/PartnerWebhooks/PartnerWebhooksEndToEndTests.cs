using System.Text;
using ImeBridge.Adapters.Webhooks;
using ImeBridge.Core.Outbound.PartnerEvents;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static ImeBridge.Hosting.Tests.Outbound.PartnerWebhooks.PartnerWebhookScenario;

namespace ImeBridge.Hosting.Tests.Outbound.PartnerWebhooks;

/// <summary>Through the real app: a partner with a configured subscription submits a referral and hears about it, in order, signed.</summary>
public sealed class PartnerWebhooksEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_partner_receives_referral_received_then_status_changed_signed_thin_and_only_its_own()
    {
        await using var scenario = await StartAsync(p => p.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200)));

        var referralId = await scenario.SubmitAcmeReferralAsync();

        await Eventually.UntilAsync(() => Task.FromResult(scenario.At("/acme").Count >= 2), Limit, "Acme's endpoint did not get two events");
        var events = scenario.At("/acme");
        Assert.Equal(["referral.received", "referral.status_changed"], events.Take(2).Select(EventType));
        var statusChanged = Encoding.UTF8.GetString(events[1].RequestMessage!.BodyAsBytes!);
        Assert.Contains("\"status\":\"Triaged\"", statusChanged, StringComparison.Ordinal);
        Assert.Contains(referralId, statusChanged, StringComparison.Ordinal);

        var verifier = new StandardWebhookVerifier(AcmeSecret, TimeProvider.System);
        foreach (var entry in events)
        {
            var verified = verifier.Verify(Header(entry, "webhook-id"), Header(entry, "webhook-timestamp"), Header(entry, "webhook-signature"), entry.RequestMessage!.BodyAsBytes!);
            Assert.True(verified.IsValid, verified.Reason);
            var body = Encoding.UTF8.GetString(entry.RequestMessage.BodyAsBytes!);
            Assert.DoesNotContain(ReferralBodies.ClaimantPhi(), phi => body.Contains(phi, StringComparison.Ordinal));
        }

        // Full payload only where opted in: the referral itself, as the partner reads it.
        await Eventually.UntilAsync(() => Task.FromResult(scenario.At("/acme-full").Count >= 1), Limit, "the full-payload subscription got nothing");
        var full = Encoding.UTF8.GetString(scenario.At("/acme-full")[0].RequestMessage!.BodyAsBytes!);
        Assert.Contains(ReferralBodies.ClaimantPhi()[1], full, StringComparison.Ordinal);
        Assert.Equal("referral.status_changed", EventType(scenario.At("/acme-full")[0]));

        Assert.Empty(scenario.At("/globex"));
        Assert.DoesNotContain(scenario.App.Logs.Lines, line => ReferralBodies.ClaimantPhi().Any(phi => line.Contains(phi, StringComparison.Ordinal)) && line.Contains("Webhook", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(scenario.App.Logs.Lines, line => line.Contains(AcmeSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_changed_waits_for_referral_received_when_the_first_delivery_fails_then_succeeds()
    {
        // Two 500s: the in-call retry takes the second, so the queue's own retry (5 s later) is the one that succeeds.
        await using var scenario = await StartAsync(p =>
        {
            p.Given(Request.Create().WithPath("/acme").UsingPost()).InScenario("acme").WillSetStateTo("one")
                .RespondWith(Response.Create().WithStatusCode(500));
            p.Given(Request.Create().WithPath("/acme").UsingPost()).InScenario("acme").WhenStateIs("one").WillSetStateTo("two")
                .RespondWith(Response.Create().WithStatusCode(500));
            p.Given(Request.Create().WithPath("/acme").UsingPost()).InScenario("acme").WhenStateIs("two")
                .RespondWith(Response.Create().WithStatusCode(200));
            p.Given(Request.Create().WithPath("/acme-full").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        });

        await scenario.SubmitAcmeReferralAsync();

        await Eventually.UntilAsync(
            () => Task.FromResult(scenario.At("/acme").Count(e => e.ResponseMessage!.StatusCode is 200) >= 2),
            Limit,
            "Acme's endpoint did not accept two events");
        var attempts = scenario.At("/acme").Select(e => (Type: EventType(e), Status: Convert.ToInt32(e.ResponseMessage!.StatusCode, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(("referral.received", 500), attempts[0]);
        var firstSuccess = attempts.FindIndex(a => a.Status == 200);
        Assert.Equal("referral.received", attempts[firstSuccess].Type);
        Assert.DoesNotContain(attempts.Take(firstSuccess), a => a.Type == "referral.status_changed");
        Assert.Equal("referral.status_changed", attempts.Skip(firstSuccess + 1).First().Type);

        // The delivery log shows every POST, the pipeline's in-call retry included.
        var log = scenario.App.Services.GetRequiredService<IWebhookDeliveryLog>();
        var received = (await log.QueryAsync(new WebhookDeliveryQuery(SubscriptionId: AcmeSubscription), CancellationToken.None)).Single(d => d.EventType == "referral.received");
        Assert.Equal([500, 500, 200], received.Attempts.Select(a => a.HttpStatus ?? 0));
        Assert.Equal([1, 2, 3], received.Attempts.Select(a => a.Attempt));
    }
}
