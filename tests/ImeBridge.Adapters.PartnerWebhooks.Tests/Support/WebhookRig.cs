using System.Text.Json.Nodes;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound.PartnerEvents;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WireMock.Server;
using WireMock.Settings;

namespace ImeBridge.Adapters.PartnerWebhooks.Tests.Support;

/// <summary>
/// The publisher and the delivery handler over in-memory stores, a recording queue, a fake clock and WireMock as the
/// partner's endpoint. HTTP goes without the in-call retry so each handler run is exactly one POST.
/// </summary>
internal sealed class WebhookRig : IDisposable
{
    public const string PartnerId = "acme-insurance";
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly ILoggerFactory loggers;

    public WebhookRig()
    {
        Partner = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var factory = new PlainClientFactory();
        loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Publisher = new PartnerEventPublisher(Subscriptions, Log, Queue, Time, loggers.CreateLogger<PartnerEventPublisher>());
        Handler = new PartnerWebhookDeliveryHandler(Subscriptions, Log, factory, Queue, Time, loggers.CreateLogger<PartnerWebhookDeliveryHandler>(), Alerts, ledger: null, Snapshots);
        Dispatcher = new MessageDispatcher([Handler], Queue, loggers.CreateLogger<MessageDispatcher>());
    }

    public WireMockServer Partner { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

    public InMemoryWebhookSubscriptions Subscriptions { get; } = new();

    public InMemoryWebhookDeliveryLog Log { get; } = new();

    public RecordingQueue Queue { get; } = new();

    public RecordingAlerts Alerts { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public FakeSnapshots Snapshots { get; } = new();

    public PartnerEventPublisher Publisher { get; }

    public PartnerWebhookDeliveryHandler Handler { get; }

    public MessageDispatcher Dispatcher { get; }

    public async Task<WebhookSubscription> SubscribeAsync(string id, string partnerId = PartnerId, bool fullPayload = false, string path = "/hooks", string secret = Secret)
    {
        var subscription = new WebhookSubscription(id, partnerId, new Uri(Partner.Url + path), secret, ["*"], fullPayload, true, WebhookSubscription.FromApi, Time.GetUtcNow(), Time.GetUtcNow());
        await Subscriptions.SaveAsync(subscription, CancellationToken.None);
        return subscription;
    }

    public PartnerEvent StatusChanged(string referralId, string status, string sourceMessageId, string partnerId = PartnerId) =>
        new(
            PartnerEventIds.For(PartnerEventTypes.ReferralStatusChanged, sourceMessageId),
            PartnerEventTypes.ReferralStatusChanged,
            referralId,
            partnerId,
            Time.GetUtcNow(),
            new Dictionary<string, string> { ["referralId"] = referralId, ["externalId"] = "ACME-778", ["status"] = status });

    /// <summary>Publishes the event and returns the delivery messages it queued.</summary>
    public async Task<IReadOnlyList<QueueMessage>> PublishAsync(PartnerEvent evt)
    {
        var before = Queue.Sent.Count;
        await Publisher.PublishAsync(evt, null, CancellationToken.None);
        return [.. Queue.Sent.Skip(before)];
    }

    public Task DispatchAsync(QueueMessage message, int deliveryCount) =>
        Dispatcher.DispatchAsync(RecordingQueue.Receive(message, deliveryCount), CancellationToken.None);

    public void Dispose()
    {
        Partner.Stop();
        Partner.Dispose();
        loggers.Dispose();
    }

    /// <summary>A plain client per call, as the factory hands out: no in-call retry, so each run is one POST.</summary>
    private sealed class PlainClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}

internal sealed class FakeSnapshots : IPartnerReferralSnapshot
{
    public Task<JsonObject?> ReadAsync(string referralId, string partnerId, CancellationToken cancellationToken) =>
        Task.FromResult<JsonObject?>(new JsonObject { ["referralId"] = referralId, ["status"] = "Triaged", ["referral"] = new JsonObject { ["claimant"] = new JsonObject { ["lastName"] = "Rivera" } } });
}
