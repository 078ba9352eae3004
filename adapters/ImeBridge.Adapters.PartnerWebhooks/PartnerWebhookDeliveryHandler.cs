using System.Net.Http.Headers;
using System.Text.Json;
using ImeBridge.Adapters.Http;
using ImeBridge.Adapters.Webhooks;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.PartnerEvents;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ImeBridge.Adapters.PartnerWebhooks;

/// <summary>
/// Sends one <see cref="PartnerWebhookDelivery"/>: builds the payload, signs it (Standard Webhooks, <c>webhook-id</c> =
/// the event id on every attempt and replay), POSTs it, logs the attempt, then settles: 2xx delivered; 410 disables the
/// subscription, alerts and refuses; other 4xx (not 408/429) refuses; the rest is retried by the dispatcher on
/// <see cref="OutboundRetrySchedule"/> honouring <c>Retry-After</c>, with an alert when it was the last attempt.
/// Logs carry ids and statuses only: never the URL, secret or body.
/// </summary>
public sealed class PartnerWebhookDeliveryHandler(
    IWebhookSubscriptions subscriptions,
    IWebhookDeliveryLog log,
    IHttpClientFactory http,
    IMessageQueue queue,
    TimeProvider time,
    ILogger<PartnerWebhookDeliveryHandler> logger,
    IOperatorAlerts? alerts = null,
    IOutboundLedger? ledger = null,
    IPartnerReferralSnapshot? snapshots = null) : IMessageHandler
{
    public string MessageType => PartnerWebhookDelivery.MessageType;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = JsonSerializer.Deserialize<PartnerWebhookDelivery>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidOperationException("empty PartnerWebhookDelivery body");
        var delivery = await log.FindAsync(request.DeliveryId, cancellationToken);
        if (delivery is null)
        {
            logger.LogWarning("Webhook delivery {DeliveryId} is not in the delivery log; nothing sent", request.DeliveryId);
            return;
        }

        if (delivery.Status == WebhookDeliveryStatuses.Delivered && !request.Replay)
        {
            return;
        }

        var subscription = await subscriptions.GetAsync(delivery.SubscriptionId, cancellationToken);
        if (subscription is not { Enabled: true })
        {
            logger.LogInformation("Webhook delivery {DeliveryId} skipped: subscription {SubscriptionId} is disabled or removed", delivery.DeliveryId, delivery.SubscriptionId);
            await log.SetStatusAsync(delivery.DeliveryId, WebhookDeliveryStatuses.Skipped, cancellationToken);
            await SettleLedgerAsync(delivery, OutboundStatuses.Failed, "subscription disabled", cancellationToken);
            return;
        }

        var referral = subscription.FullPayload && snapshots is not null
            ? await snapshots.ReadAsync(delivery.ReferralId, delivery.PartnerId, cancellationToken)
            : null;
        var body = PartnerEventPayload.Build(delivery.ToEvent(), referral);
        var attemptAt = time.GetUtcNow();
        var trail = new InCallAttempts();
        var result = await PostAsync(subscription, delivery.EventId, body, trail, cancellationToken);
        // The pipeline's own retries within this call, before the last try (which SettleAsync records with the outcome).
        var tries = trail.All;
        for (var i = 0; i < tries.Count - 1; i++)
        {
            await log.RecordAttemptAsync(delivery.DeliveryId, tries[i].At, tries[i].HttpStatus, tries[i].ErrorKind, tries[i].DurationMs, WebhookDeliveryStatuses.Retrying, cancellationToken);
        }

        var last = tries.Count > 0 ? tries[^1] : null;
        await SettleAsync(message, delivery, subscription, last?.At ?? attemptAt, last is null ? result : result with { DurationMs = last.DurationMs }, cancellationToken);
    }

    private async Task<WebhookAttemptResult> PostAsync(WebhookSubscription subscription, string eventId, byte[] body, InCallAttempts trail, CancellationToken cancellationToken)
    {
        var signer = new StandardWebhookSigner(subscription.Secret);
        using var post = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        post.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        post.Options.Set(InCallAttempts.Key, trail);
        foreach (var (name, value) in signer.CreateHeaders(eventId, time.GetUtcNow(), body).ToList())
        {
            post.Headers.TryAddWithoutValidation(name, value);
        }

        var started = time.GetTimestamp();
        try
        {
            using var client = http.CreateClient(PartnerWebhookHttp.ClientName);
            using var response = await client.SendAsync(post, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new WebhookAttemptResult((int)response.StatusCode, null, RetryAfterHeader.Of(response, time), Elapsed(started));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ErrorKind(ex) is { } kind)
        {
            return new WebhookAttemptResult(null, kind, null, Elapsed(started));
        }
    }

    private async Task SettleAsync(ReceivedMessage message, WebhookDelivery delivery, WebhookSubscription subscription, DateTimeOffset at, WebhookAttemptResult result, CancellationToken cancellationToken)
    {
        var lastAttempt = OutboundRetrySchedule.After(message.DeliveryCount) is null;
        var status = result switch
        {
            { Succeeded: true } => WebhookDeliveryStatuses.Delivered,
            { Gone: true } or { Refused: true } => WebhookDeliveryStatuses.Refused,
            _ when lastAttempt => WebhookDeliveryStatuses.DeadLettered,
            _ => WebhookDeliveryStatuses.Retrying,
        };
        var attempt = await log.RecordAttemptAsync(delivery.DeliveryId, at, result.HttpStatus, result.ErrorKind, result.DurationMs, status, cancellationToken);
        logger.LogInformation(
            "Webhook delivery {DeliveryId} ({EventType}, referral {ReferralId}) attempt {Attempt}: {Result} in {DurationMs} ms -> {Status}",
            delivery.DeliveryId,
            delivery.EventType,
            delivery.ReferralId,
            attempt,
            result.Describe(),
            result.DurationMs,
            status);
        var failure = $"Webhook {delivery.DeliveryId} to subscription {subscription.Id} of partner {subscription.PartnerId}: {result.Describe()}";
        switch (status)
        {
            case WebhookDeliveryStatuses.Delivered:
                await SettleLedgerAsync(delivery, OutboundStatuses.Delivered, result.Describe(), cancellationToken);
                return;
            case WebhookDeliveryStatuses.Refused when result.Gone:
                await subscriptions.SetEnabledAsync(subscription.Id, false, "The endpoint answered 410 Gone.", cancellationToken);
                await RaiseAsync(
                    new OperatorAlert($"webhook.disabled:{subscription.Id}", "webhook.disabled", delivery.ReferralId, $"Subscription {subscription.Id} of partner {subscription.PartnerId} answered 410 Gone to delivery {delivery.DeliveryId} and was disabled; enable it with POST /api/ops/webhooks/{subscription.Id}/enable.", time.GetUtcNow()),
                    cancellationToken);
                await SettleLedgerAsync(delivery, OutboundStatuses.Failed, result.Describe(), cancellationToken);
                throw new OutboundDeliveryException(failure + " (subscription disabled)", isTransient: false);
            case WebhookDeliveryStatuses.Refused:
                await SettleLedgerAsync(delivery, OutboundStatuses.Failed, result.Describe(), cancellationToken);
                throw new OutboundDeliveryException(failure, isTransient: false);
            case WebhookDeliveryStatuses.DeadLettered:
                await RaiseAsync(
                    new OperatorAlert($"webhook.deadLettered:{message.MessageId}", "webhook.deadLettered", delivery.ReferralId, $"Delivery {delivery.DeliveryId} ({delivery.EventType}) to subscription {subscription.Id} of partner {subscription.PartnerId} failed {message.DeliveryCount} times, last {result.Describe()}; replay it with POST /api/ops/webhooks/deliveries/{{deliveryId}}/replay.", time.GetUtcNow()),
                    cancellationToken);
                await SettleLedgerAsync(delivery, OutboundStatuses.Failed, result.Describe(), cancellationToken);
                throw new OutboundDeliveryException(failure + " (last attempt)", isTransient: true, result.RetryAfter);
            default:
                throw new OutboundDeliveryException(failure, isTransient: true, result.RetryAfter);
        }
    }

    private async Task RaiseAsync(OperatorAlert alert, CancellationToken cancellationToken)
    {
        if (alerts is null)
        {
            logger.LogError("Operator alert {AlertKind} ({AlertKey}): {Detail}", alert.Kind, alert.Key, alert.Detail);
            return;
        }

        await alerts.RaiseAsync(alert, cancellationToken);
    }

    private async Task SettleLedgerAsync(WebhookDelivery delivery, string outcome, string detail, CancellationToken cancellationToken)
    {
        if (delivery.LedgerMessageId is not { } ledgerId)
        {
            return;
        }

        if (ledger is not null)
        {
            await ledger.UpdateAsync(ledgerId, outcome, delivery.DeliveryId, detail, cancellationToken);
        }

        var settled = new DeliverySettled(ledgerId, delivery.ReferralId, OutboundChannels.Webhook, delivery.EventType, outcome, time.GetUtcNow(), delivery.DeliveryId, detail);
        await queue.SendAsync(
            [new QueueMessage($"{DeliverySettled.MessageType}:{ledgerId}", DeliverySettled.MessageType, delivery.ReferralId, JsonSerializer.SerializeToUtf8Bytes(settled, MessageJson.Options))],
            cancellationToken);
    }

    private long Elapsed(long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;

    private static string? ErrorKind(Exception ex) => ex switch
    {
        TimeoutRejectedException or TaskCanceledException or TimeoutException => "timeout",
        BrokenCircuitException => "circuitOpen",
        HttpRequestException => "connection",
        _ => null,
    };
}
