using System.Collections.Concurrent;
using ImeBridge.Core.Outbound.PartnerEvents;

namespace ImeBridge.Adapters.PartnerWebhooks.Tests.Support;

internal sealed class InMemoryWebhookSubscriptions : IWebhookSubscriptions
{
    private readonly ConcurrentDictionary<string, WebhookSubscription> all = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<WebhookSubscription>> ListForPartnerAsync(string partnerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WebhookSubscription>>([.. all.Values.Where(s => s.PartnerId == partnerId).OrderBy(s => s.Id, StringComparer.Ordinal)]);

    public Task<WebhookSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken) =>
        Task.FromResult(all.GetValueOrDefault(subscriptionId));

    public Task SaveAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        all[subscription.Id] = subscription;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string subscriptionId, CancellationToken cancellationToken) => Task.FromResult(all.TryRemove(subscriptionId, out _));

    public Task<bool> SetEnabledAsync(string subscriptionId, bool enabled, string? reason, CancellationToken cancellationToken)
    {
        if (!all.TryGetValue(subscriptionId, out var found))
        {
            return Task.FromResult(false);
        }

        all[subscriptionId] = found with { Enabled = enabled, DisabledReason = enabled ? null : reason };
        return Task.FromResult(true);
    }

    public Task MergeConfiguredAsync(IReadOnlyList<WebhookSubscription> configured, CancellationToken cancellationToken)
    {
        foreach (var s in configured)
        {
            all.AddOrUpdate(s.Id, s, (_, old) => s with { Enabled = old.Enabled, DisabledReason = old.DisabledReason });
        }

        return Task.CompletedTask;
    }
}

internal sealed class InMemoryWebhookDeliveryLog : IWebhookDeliveryLog
{
    private readonly ConcurrentDictionary<string, WebhookDelivery> deliveries = new(StringComparer.Ordinal);

    public Task<bool> AddAsync(WebhookDelivery delivery, CancellationToken cancellationToken) => Task.FromResult(deliveries.TryAdd(delivery.DeliveryId, delivery));

    public Task<WebhookDelivery?> FindAsync(string deliveryId, CancellationToken cancellationToken) => Task.FromResult(deliveries.GetValueOrDefault(deliveryId));

    public Task<int> RecordAttemptAsync(string deliveryId, DateTimeOffset at, int? httpStatus, string? errorKind, long durationMs, string status, CancellationToken cancellationToken)
    {
        var found = deliveries[deliveryId];
        var attempt = found.Attempts.Count + 1;
        deliveries[deliveryId] = found with { Status = status, Attempts = [.. found.Attempts, new WebhookAttempt(deliveryId, attempt, at, httpStatus, errorKind, durationMs, status)] };
        return Task.FromResult(attempt);
    }

    public Task SetStatusAsync(string deliveryId, string status, CancellationToken cancellationToken)
    {
        deliveries[deliveryId] = deliveries[deliveryId] with { Status = status };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WebhookDelivery>> QueryAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. deliveries.Values.Where(d => query.SubscriptionId is null || d.SubscriptionId == query.SubscriptionId).OrderByDescending(d => d.CreatedAt)]);
}
