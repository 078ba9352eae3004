using System.Net;
using System.Text.Json.Nodes;
using ImeBridge.Core.Outbound;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static ImeBridge.Hosting.Tests.Outbound.PartnerWebhooks.PartnerWebhookScenario;

namespace ImeBridge.Hosting.Tests.Outbound.PartnerWebhooks;

/// <summary>The operator's webhook routes: subscriptions (secrets never shown), the delivery log, replay, enabling after a 410.</summary>
public sealed class PartnerWebhooksOpsApiTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Without_the_operator_token_every_webhook_route_is_401()
    {
        await using var scenario = await StartAsync(_ => { });

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/api/ops/partners/acme-insurance/webhooks"),
            (HttpMethod.Post, "/api/ops/partners/acme-insurance/webhooks"),
            (HttpMethod.Get, $"/api/ops/webhooks/{AcmeSubscription}"),
            (HttpMethod.Delete, $"/api/ops/webhooks/{AcmeSubscription}"),
            (HttpMethod.Post, $"/api/ops/webhooks/{AcmeSubscription}/enable"),
            (HttpMethod.Get, "/api/ops/webhooks/deliveries"),
            (HttpMethod.Post, "/api/ops/webhooks/deliveries/x/replay"),
            (HttpMethod.Post, $"/api/ops/webhooks/{AcmeSubscription}/replay?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z"),
        })
        {
            var response = await scenario.App.Client.SendAsync(Ops(method, path, token: null));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
        }

        Assert.NotNull(await scenario.App.Services.GetRequiredService<ImeBridge.Core.Outbound.PartnerEvents.IWebhookSubscriptions>().GetAsync(AcmeSubscription, CancellationToken.None));
    }

    [Fact]
    public async Task A_bad_url_is_a_400_naming_the_field_and_nothing_is_stored()
    {
        await using var scenario = await StartAsync(_ => { });

        var response = await scenario.App.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/partners/acme-insurance/webhooks", body: new { id = "bad", url = "ftp://partner.example/hook", events = new[] { "*" } }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        var problem = await response.ReadObjectAsync();
        Assert.NotNull(problem["errors"]!["url"]);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.App.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/webhooks/bad"))).StatusCode);
    }

    [Fact]
    public async Task Subscriptions_are_added_listed_and_removed_and_a_secret_is_never_shown()
    {
        await using var scenario = await StartAsync(_ => { });
        var secret = "whsec_" + Convert.ToBase64String(new byte[32]);

        var created = await scenario.App.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/partners/acme-insurance/webhooks", body: new { id = "acme-extra", url = "https://partner.example/hook", secret, events = new[] { "report.available" } }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(secret, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var list = await scenario.App.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/partners/acme-insurance/webhooks"));
        var text = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain("whsec_", text, StringComparison.Ordinal);
        var ids = JsonNode.Parse(text)!["subscriptions"]!.AsArray().Select(s => (string)s!["id"]!).ToList();
        Assert.Equal(new[] { AcmeSubscription, AcmeFullSubscription, "acme-extra" }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        var one = await (await scenario.App.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/webhooks/acme-extra"))).ReadObjectAsync();
        Assert.True((bool)one["secretSet"]!);
        Assert.Null(one["secret"]);

        Assert.Equal(HttpStatusCode.NoContent, (await scenario.App.Client.SendAsync(Ops(HttpMethod.Delete, "/api/ops/webhooks/acme-extra"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.App.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/webhooks/acme-extra"))).StatusCode);
    }

    [Fact]
    public async Task The_log_shows_every_attempt_and_a_replay_sends_the_same_webhook_id_again()
    {
        await using var scenario = await StartAsync(p => p.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200)));
        var referralId = await scenario.SubmitAcmeReferralAsync();
        await Eventually.UntilAsync(() => Task.FromResult(scenario.At("/acme").Count >= 2), Limit, "Acme's endpoint did not get two events");

        var log = await (await scenario.App.Client.SendAsync(Ops(HttpMethod.Get, $"/api/ops/webhooks/deliveries?subscriptionId={AcmeSubscription}&referralId={referralId}&status=delivered"))).ReadObjectAsync();
        var deliveries = log["deliveries"]!.AsArray();
        Assert.True(deliveries.Count >= 2);
        var received = deliveries.Single(d => (string)d!["eventType"]! == "referral.received")!;
        Assert.Equal(200, (int)received["attempts"]![0]!["httpStatus"]!);
        var webhookId = Header(scenario.At("/acme")[0], "webhook-id");
        Assert.Equal((string)received["eventId"]!, webhookId);

        var before = scenario.At("/acme").Count;
        var replay = await scenario.App.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/webhooks/deliveries/{Uri.EscapeDataString((string)received["deliveryId"]!)}/replay"));
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(1, (int)(await replay.ReadObjectAsync())["replayed"]!);
        await Eventually.UntilAsync(() => Task.FromResult(scenario.At("/acme").Count > before), Limit, "the replay was not sent");
        Assert.Equal(webhookId, Header(scenario.At("/acme")[before], "webhook-id"));

        var range = await scenario.App.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/webhooks/{AcmeSubscription}/replay?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"));
        Assert.Equal(HttpStatusCode.Accepted, range.StatusCode);
        Assert.True((int)(await range.ReadObjectAsync())["replayed"]! >= 2);

        var badRange = await scenario.App.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/webhooks/{AcmeSubscription}/replay?from=yesterday&to=2100-01-01T00:00:00Z"));
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
    }

    [Fact]
    public async Task A_410_disables_the_subscription_with_an_alert_until_an_operator_enables_it()
    {
        await using var scenario = await StartAsync(p =>
        {
            p.Given(Request.Create().WithPath("/acme").UsingPost()).RespondWith(Response.Create().WithStatusCode(410));
            p.Given(Request.Create().WithPath("/acme-full").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        });
        await scenario.SubmitAcmeReferralAsync();

        var view = await Eventually.GetAsync(
            async () => await (await scenario.App.Client.SendAsync(Ops(HttpMethod.Get, $"/api/ops/webhooks/{AcmeSubscription}"))).ReadObjectAsync() is { } s && !(bool)s["enabled"]! ? s : null,
            Limit,
            () => "the subscription was not disabled");
        Assert.Contains("410", (string)view["disabledReason"]!, StringComparison.Ordinal);
        await Eventually.UntilAsync(() => Task.FromResult(scenario.At("/acme-full").Count >= 1), Limit, "the other subscription got nothing");
        Assert.Single(scenario.At("/acme"));
        var alerts = scenario.App.Services.GetRequiredService<IOperatorAlerts>();
        await Eventually.UntilAsync(
            async () => (await alerts.ListAsync(false, 100, CancellationToken.None)).Any(a => a.Kind == "webhook.disabled"),
            Limit,
            "no webhook.disabled alert");

        var enabled = await scenario.App.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/webhooks/{AcmeSubscription}/enable"));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.True((bool)(await enabled.ReadObjectAsync())["enabled"]!);
    }
}
