using ImeBridge.Core.Outbound.PartnerEvents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// At start-up, makes the store's configured subscriptions match <c>partners[i].webhooks</c> (idempotent: a restart
/// changes nothing, and a subscription a 410 disabled stays disabled until an operator enables it). The store is
/// looked up when the host starts, after its options were validated; a host with no storage has nothing to seed.
/// </summary>
internal sealed class WebhookSubscriptionSeeder(
    IOptions<ImeBridgeOptions> options,
    IServiceProvider services,
    TimeProvider time,
    ILogger<WebhookSubscriptionSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IWebhookSubscriptions>() is not { } subscriptions)
        {
            return;
        }

        var configured = Configured(options.Value, time.GetUtcNow());
        await subscriptions.MergeConfiguredAsync(configured, cancellationToken);
        logger.LogInformation("Partner webhook subscriptions from configuration: {Count}", configured.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static IReadOnlyList<WebhookSubscription> Configured(ImeBridgeOptions options, DateTimeOffset now) =>
    [
        .. options.Partners
            .Where(p => !string.IsNullOrEmpty(p.Id))
            .SelectMany(p => p.Webhooks.Select((w, i) => new WebhookSubscription(
                w.Id ?? PartnerWebhookOptions.DefaultId(p.Id!, i),
                p.Id!,
                new Uri(w.Url!, UriKind.Absolute),
                w.Secret!,
                [.. w.Events],
                w.FullPayload,
                Enabled: true,
                WebhookSubscription.FromConfiguration,
                now,
                now))),
    ];
}
