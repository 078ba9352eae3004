namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>The partners' webhook subscriptions, from configuration and the operator API.</summary>
public interface IWebhookSubscriptions
{
    Task<IReadOnlyList<WebhookSubscription>> ListForPartnerAsync(string partnerId, CancellationToken cancellationToken);

    Task<WebhookSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a subscription.</summary>
    Task SaveAsync(WebhookSubscription subscription, CancellationToken cancellationToken);

    /// <summary>False when no subscription has that id.</summary>
    Task<bool> DeleteAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>Turns a subscription on or off (a 410 turns it off); false when no subscription has that id.</summary>
    Task<bool> SetEnabledAsync(string subscriptionId, bool enabled, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the configured subscriptions stand as configured (URL, secret, events, payload), keeping whether each was
    /// disabled, and removes configured ones no longer in <paramref name="configured"/>. Running it again changes nothing.
    /// </summary>
    Task MergeConfiguredAsync(IReadOnlyList<WebhookSubscription> configured, CancellationToken cancellationToken);
}
