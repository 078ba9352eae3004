using System.Text;
using System.Text.Json;
using ImeBridge.Adapters.PartnerWebhooks.Tests.Support;
using ImeBridge.Adapters.Webhooks;
using ImeBridge.Core.Outbound.PartnerEvents;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ImeBridge.Adapters.PartnerWebhooks.Tests;

public sealed class PartnerWebhookDeliveryHandlerTests : IDisposable
{
    private readonly WebhookRig rig = new();

    [Fact]
    public async Task A_delivery_arrives_signed_and_verifies_with_the_subscription_secret()
    {
        rig.Partner.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        await rig.SubscribeAsync("sub-1");
        var evt = rig.StatusChanged("ref-1", "Triaged", "step-1");

        var messages = await rig.PublishAsync(evt);
        await rig.DispatchAsync(messages.Single(), deliveryCount: 1);

        var request = rig.Partner.LogEntries.Single().RequestMessage!;
        var body = request.BodyAsBytes!;
        var verifier = new StandardWebhookVerifier(WebhookRig.Secret, rig.Time);
        var verification = verifier.Verify(Header(request.Headers, "webhook-id"), Header(request.Headers, "webhook-timestamp"), Header(request.Headers, "webhook-signature"), body);
        Assert.True(verification.IsValid, verification.Reason);
        Assert.Equal(evt.EventId, Header(request.Headers, "webhook-id"));
        Assert.Empty(EventSchemas.Errors(body));
        using var json = JsonDocument.Parse(body);
        Assert.Equal("referral.status_changed", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("Triaged", json.RootElement.GetProperty("data").GetProperty("status").GetString());

        var logged = await rig.Log.FindAsync(WebhookDelivery.IdFor("sub-1", evt.EventId), CancellationToken.None);
        Assert.Equal(WebhookDeliveryStatuses.Delivered, logged!.Status);
        Assert.Equal(204, Assert.Single(logged.Attempts).HttpStatus);
        Assert.Single(rig.Queue.Completed);
    }

    [Fact]
    public async Task Every_retry_carries_the_same_webhook_id_and_is_logged_as_its_own_attempt()
    {
        rig.Partner.Given(Request.Create().WithPath("/hooks").UsingPost()).InScenario("flaky").WillSetStateTo("failed once")
            .RespondWith(Response.Create().WithStatusCode(500));
        rig.Partner.Given(Request.Create().WithPath("/hooks").UsingPost()).InScenario("flaky").WhenStateIs("failed once")
            .RespondWith(Response.Create().WithStatusCode(200));
        await rig.SubscribeAsync("sub-1");
        var evt = rig.StatusChanged("ref-1", "Triaged", "step-1");
        var message = (await rig.PublishAsync(evt)).Single();

        await rig.DispatchAsync(message, deliveryCount: 1);
        await rig.DispatchAsync(message, deliveryCount: 2);

        Assert.Equal([evt.EventId, evt.EventId], rig.Partner.LogEntries.Select(e => Header(e.RequestMessage!.Headers, "webhook-id")));
        var (abandoned, retryAfter) = Assert.Single(rig.Queue.Abandoned);
        Assert.Equal(message.MessageId, abandoned);
        Assert.Equal(TimeSpan.FromSeconds(5), retryAfter);
        var logged = await rig.Log.FindAsync(message.MessageId, CancellationToken.None);
        Assert.Equal([500, 200], logged!.Attempts.Select(a => a.HttpStatus ?? 0));
        Assert.Equal([1, 2], logged.Attempts.Select(a => a.Attempt));
    }

    [Fact]
    public async Task A_429_with_Retry_After_600_schedules_the_retry_no_sooner_than_600_seconds()
    {
        rig.Partner.Given(Request.Create().WithPath("/hooks").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "600"));
        await rig.SubscribeAsync("sub-1");
        var message = (await rig.PublishAsync(rig.StatusChanged("ref-1", "Triaged", "step-1"))).Single();

        await rig.DispatchAsync(message, deliveryCount: 1);

        var (_, retryAfter) = Assert.Single(rig.Queue.Abandoned);
        Assert.True(retryAfter >= TimeSpan.FromSeconds(600), $"retry in {retryAfter}");
        Assert.Empty(rig.Queue.DeadLettered);
    }

    [Fact]
    public async Task A_410_disables_the_subscription_raises_an_alert_and_nothing_further_is_sent()
    {
        rig.Partner.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(410));
        await rig.SubscribeAsync("sub-1");
        var first = (await rig.PublishAsync(rig.StatusChanged("ref-1", "Triaged", "step-1"))).Single();
        var second = (await rig.PublishAsync(rig.StatusChanged("ref-1", "ExpertMatched", "step-2"))).Single();

        await rig.DispatchAsync(first, deliveryCount: 1);
        await rig.DispatchAsync(second, deliveryCount: 1);

        Assert.Single(rig.Partner.LogEntries);
        Assert.False((await rig.Subscriptions.GetAsync("sub-1", CancellationToken.None))!.Enabled);
        var alert = Assert.Single(rig.Alerts.Raised);
        Assert.Equal("webhook.disabled", alert.Kind);
        Assert.Equal((first.MessageId, "DeliveryRefused"), Assert.Single(rig.Queue.DeadLettered));
        Assert.Equal(WebhookDeliveryStatuses.Skipped, (await rig.Log.FindAsync(second.MessageId, CancellationToken.None))!.Status);
        Assert.Empty(await rig.PublishAsync(rig.StatusChanged("ref-1", "Scheduled", "step-3")));
    }

    [Fact]
    public async Task A_400_is_refused_at_once_without_disabling_the_subscription()
    {
        rig.Partner.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(400));
        await rig.SubscribeAsync("sub-1");
        var message = (await rig.PublishAsync(rig.StatusChanged("ref-1", "Triaged", "step-1"))).Single();

        await rig.DispatchAsync(message, deliveryCount: 1);

        Assert.Equal((message.MessageId, "DeliveryRefused"), Assert.Single(rig.Queue.DeadLettered));
        Assert.True((await rig.Subscriptions.GetAsync("sub-1", CancellationToken.None))!.Enabled);
        Assert.Empty(rig.Alerts.Raised);
    }

    [Fact]
    public async Task The_eighth_failure_is_dead_lettered_with_an_alert_and_the_seventh_is_still_retried()
    {
        rig.Partner.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        await rig.SubscribeAsync("sub-1");
        var message = (await rig.PublishAsync(rig.StatusChanged("ref-1", "Triaged", "step-1"))).Single();

        for (var attempt = 1; attempt <= 7; attempt++)
        {
            await rig.DispatchAsync(message, attempt);
        }

        Assert.Empty(rig.Alerts.Raised);
        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)],
            rig.Queue.Abandoned.Select(a => a.RetryAfter));

        await rig.DispatchAsync(message, deliveryCount: 8);

        Assert.Equal((message.MessageId, "DeliveryAttemptsExhausted"), Assert.Single(rig.Queue.DeadLettered));
        Assert.Equal("webhook.deadLettered", Assert.Single(rig.Alerts.Raised).Kind);
        var logged = await rig.Log.FindAsync(message.MessageId, CancellationToken.None);
        Assert.Equal(WebhookDeliveryStatuses.DeadLettered, logged!.Status);
        Assert.Equal(8, logged.Attempts.Count);
    }

    [Fact]
    public async Task A_connection_failure_is_logged_as_such_and_retried()
    {
        await rig.SubscribeAsync("sub-1");
        var message = (await rig.PublishAsync(rig.StatusChanged("ref-1", "Triaged", "step-1"))).Single();
        rig.Partner.Stop();

        await rig.DispatchAsync(message, deliveryCount: 1);

        Assert.Single(rig.Queue.Abandoned);
        var attempt = Assert.Single((await rig.Log.FindAsync(message.MessageId, CancellationToken.None))!.Attempts);
        Assert.Null(attempt.HttpStatus);
        Assert.Equal("connection", attempt.ErrorKind);
    }

    [Fact]
    public async Task A_delivered_event_is_not_sent_again_when_its_message_runs_twice_but_a_replay_sends_it_with_the_same_webhook_id()
    {
        rig.Partner.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await rig.SubscribeAsync("sub-1");
        var evt = rig.StatusChanged("ref-1", "Triaged", "step-1");
        var message = (await rig.PublishAsync(evt)).Single();

        await rig.DispatchAsync(message, deliveryCount: 1);
        await rig.DispatchAsync(message, deliveryCount: 1);
        Assert.Single(rig.Partner.LogEntries);

        var replay = PartnerEventPublisher.Message(message.MessageId + ":replay:1", "sub-1", "ref-1", message.MessageId, replay: true);
        await rig.DispatchAsync(replay, deliveryCount: 1);

        Assert.Equal([evt.EventId, evt.EventId], rig.Partner.LogEntries.Select(e => Header(e.RequestMessage!.Headers, "webhook-id")));
        Assert.Equal(message.SessionId, replay.SessionId);
    }

    [Fact]
    public async Task A_thin_payload_has_ids_and_states_only_and_a_full_one_carries_the_referral_only_when_opted_in()
    {
        rig.Partner.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await rig.SubscribeAsync("thin", path: "/thin");
        await rig.SubscribeAsync("full", fullPayload: true, path: "/full");
        foreach (var message in await rig.PublishAsync(rig.StatusChanged("ref-1", "Triaged", "step-1")))
        {
            await rig.DispatchAsync(message, deliveryCount: 1);
        }

        var thin = rig.Partner.LogEntries.Single(e => e.RequestMessage!.Path == "/thin").RequestMessage!.BodyAsBytes!;
        var full = rig.Partner.LogEntries.Single(e => e.RequestMessage!.Path == "/full").RequestMessage!.BodyAsBytes!;
        Assert.DoesNotContain("Rivera", Encoding.UTF8.GetString(thin), StringComparison.Ordinal);
        Assert.Contains("Rivera", Encoding.UTF8.GetString(full), StringComparison.Ordinal);
        using var thinJson = JsonDocument.Parse(thin);
        Assert.Equal(["externalId", "referralId", "status"], thinJson.RootElement.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.Empty(EventSchemas.Errors(thin));
        Assert.Empty(EventSchemas.Errors(full));
    }

    [Fact]
    public async Task Logs_name_neither_the_secret_nor_the_endpoint()
    {
        rig.Partner.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        await rig.SubscribeAsync("sub-1", path: "/hooks/token-abc123");
        var message = (await rig.PublishAsync(rig.StatusChanged("ref-1", "Triaged", "step-1"))).Single();

        await rig.DispatchAsync(message, deliveryCount: 8);

        Assert.Contains(rig.Logs.Lines, l => l.Contains("sub-1", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Logs.Lines, l => l.Contains("token-abc123", StringComparison.Ordinal) || l.Contains(WebhookRig.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Alerts.Raised, a => a.Detail.Contains("token-abc123", StringComparison.Ordinal));
    }

    public void Dispose() => rig.Dispose();

    private static string? Header(IDictionary<string, WireMock.Types.WireMockList<string>>? headers, string name) =>
        headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
