using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound.PartnerEvents;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// Operators' webhook routes under <c>/api/ops</c> (operator token): subscriptions per partner, enabling one a 410
/// disabled, the delivery log with every attempt, and replay of one delivery or a time range (same event, same
/// <c>webhook-id</c>, new queue message). Secrets are accepted, never shown or logged.
/// </summary>
public sealed class PartnerWebhooksOpsApi(
    OperatorAuth auth,
    IPartnerDirectory partners,
    IWebhookSubscriptions subscriptions,
    IWebhookDeliveryLog log,
    IMessageQueue queue,
    TimeProvider time,
    ILogger<PartnerWebhooksOpsApi> logger)
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxReplay = 1000;

    public async Task<IResult> ListAsync(HttpRequest request, string partnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        if (partners.Find(partnerId) is null)
        {
            return ProblemResults.UnknownPartner(partnerId);
        }

        var all = await subscriptions.ListForPartnerAsync(partnerId, cancellationToken);
        return TypedResults.Ok(new { subscriptions = all.Select(WebhookSubscriptionView.From) });
    }

    public async Task<IResult> CreateAsync(HttpRequest request, string partnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        if (partners.Find(partnerId) is null)
        {
            return ProblemResults.UnknownPartner(partnerId);
        }

        if (!JsonMediaType.IsJson(request.ContentType))
        {
            return ProblemResults.UnsupportedMediaType("application/json", "Send the subscription as JSON: { \"url\", \"secret\", \"events\", \"fullPayload\" }.");
        }

        var bytes = await BoundedBodyReader.ReadAsync(request.Body, MaxBodyBytes, request.ContentLength, cancellationToken);
        if (bytes is null)
        {
            return ProblemResults.PayloadTooLarge(MaxBodyBytes);
        }

        WebhookSubscriptionRequest? body;
        try
        {
            body = JsonSerializer.Deserialize<WebhookSubscriptionRequest>(bytes, MessageJson.Options);
        }
        catch (JsonException)
        {
            return ProblemResults.BadRequestBody();
        }

        if (body is null)
        {
            return ProblemResults.BadRequestBody();
        }

        var generated = body.Secret is null ? NewSecret() : null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AddProblem(errors, "id", WebhookSubscriptionRules.IdProblem(body.Id));
        AddProblem(errors, "url", WebhookSubscriptionRules.UrlProblem(body.Url));
        AddProblem(errors, "secret", WebhookSubscriptionRules.SecretProblem(body.Secret ?? generated));
        AddProblem(errors, "events", WebhookSubscriptionRules.EventsProblem(body.Events));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The webhook subscription is not valid", detail: "Nothing was stored; fix the fields listed in errors.");
        }

        var id = body.Id ?? $"{partnerId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        if (await subscriptions.GetAsync(id, cancellationToken) is not null)
        {
            return ProblemResults.TransitionRefused($"A webhook subscription '{id}' exists already; delete it first or choose another id.");
        }

        var now = time.GetUtcNow();
        var subscription = new WebhookSubscription(id, partnerId, new Uri(body.Url!, UriKind.Absolute), body.Secret ?? generated!, [.. body.Events!], body.FullPayload, Enabled: true, WebhookSubscription.FromApi, now, now);
        await subscriptions.SaveAsync(subscription, cancellationToken);
        logger.LogInformation("Operator added webhook subscription {SubscriptionId} for partner {PartnerId} ({EventCount} event types)", id, partnerId, subscription.Events.Count);
        // A generated secret is shown this once so the partner can verify; a given one is never echoed.
        return TypedResults.Created($"/api/ops/webhooks/{Uri.EscapeDataString(id)}", new { subscription = WebhookSubscriptionView.From(subscription), generatedSecret = generated });
    }

    public async Task<IResult> GetAsync(HttpRequest request, string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        return await subscriptions.GetAsync(subscriptionId, cancellationToken) is { } found
            ? TypedResults.Ok(WebhookSubscriptionView.From(found))
            : SubscriptionNotFound(subscriptionId);
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        if (!await subscriptions.DeleteAsync(subscriptionId, cancellationToken))
        {
            return SubscriptionNotFound(subscriptionId);
        }

        logger.LogInformation("Operator removed webhook subscription {SubscriptionId}", subscriptionId);
        return TypedResults.NoContent();
    }

    public async Task<IResult> EnableAsync(HttpRequest request, string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        if (!await subscriptions.SetEnabledAsync(subscriptionId, true, null, cancellationToken))
        {
            return SubscriptionNotFound(subscriptionId);
        }

        logger.LogInformation("Operator enabled webhook subscription {SubscriptionId}", subscriptionId);
        return TypedResults.Ok(WebhookSubscriptionView.From((await subscriptions.GetAsync(subscriptionId, cancellationToken))!));
    }

    /// <summary><c>GET /api/ops/webhooks/deliveries?subscriptionId=&amp;referralId=&amp;status=&amp;from=&amp;to=</c>: newest first, with every attempt.</summary>
    public async Task<IResult> DeliveriesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        if (Range(request) is not (var from, var to, null))
        {
            return ProblemResults.InvalidOperatorRequest(Range(request).Problem!);
        }

        var query = new WebhookDeliveryQuery(Text(request, "subscriptionId"), Text(request, "referralId"), Text(request, "status"), from, to);
        var deliveries = await log.QueryAsync(query, cancellationToken);
        return TypedResults.Ok(new { deliveries });
    }

    public async Task<IResult> ReplayOneAsync(HttpRequest request, string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        if (await log.FindAsync(deliveryId, cancellationToken) is not { } delivery)
        {
            return ProblemResults.NotFound("Delivery not found", $"No webhook delivery '{deliveryId}' is in the log.");
        }

        var replayed = await ReplayAsync([delivery], cancellationToken);
        return TypedResults.Accepted((string?)null, new { replayed });
    }

    public async Task<IResult> ReplayRangeAsync(HttpRequest request, string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        var range = Range(request);
        if (range.Problem is { } problem)
        {
            return ProblemResults.InvalidOperatorRequest(problem);
        }

        if (range.From is null || range.To is null)
        {
            return ProblemResults.InvalidOperatorRequest("from and to are required: the time range (ISO 8601) of the deliveries to send again.");
        }

        if (await subscriptions.GetAsync(subscriptionId, cancellationToken) is null)
        {
            return SubscriptionNotFound(subscriptionId);
        }

        var deliveries = await log.QueryAsync(new WebhookDeliveryQuery(subscriptionId, From: range.From, To: range.To, Max: MaxReplay), cancellationToken);
        // Oldest first: each referral's events go back on its session in the order they happened.
        var replayed = await ReplayAsync([.. deliveries.OrderBy(d => d.CreatedAt)], cancellationToken);
        return TypedResults.Accepted((string?)null, new { replayed });
    }

    private async Task<int> ReplayAsync(IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (deliveries.Count == 0)
        {
            return 0;
        }

        var stamp = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var messages = new List<QueueMessage>(deliveries.Count);
        foreach (var delivery in deliveries)
        {
            await log.SetStatusAsync(delivery.DeliveryId, WebhookDeliveryStatuses.Pending, cancellationToken);
            messages.Add(PartnerEventPublisher.Message($"{delivery.DeliveryId}:replay:{stamp}", delivery.SubscriptionId, delivery.ReferralId, delivery.DeliveryId, replay: true));
        }

        await queue.SendAsync(messages, cancellationToken);
        logger.LogInformation("Operator replayed {Count} webhook deliveries", messages.Count);
        return messages.Count;
    }

    private static (DateTimeOffset? From, DateTimeOffset? To, string? Problem) Range(HttpRequest request)
    {
        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        foreach (var name in new[] { "from", "to" })
        {
            if (Text(request, name) is not { } text)
            {
                continue;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return (null, null, $"{name} must be an ISO 8601 date and time, e.g. 2026-03-01T00:00:00Z.");
            }

            if (name == "from")
            {
                from = value;
            }
            else
            {
                to = value;
            }
        }

        return from is { } f && to is { } t && t < f ? (null, null, "to must not be before from.") : (from, to, null);
    }

    private static string? Text(HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value ? value : null;

    private static void AddProblem(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [$"{field} {problem}"];
        }
    }

    private static IResult SubscriptionNotFound(string subscriptionId) =>
        ProblemResults.NotFound("Webhook subscription not found", $"No webhook subscription '{subscriptionId}' exists.");

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
