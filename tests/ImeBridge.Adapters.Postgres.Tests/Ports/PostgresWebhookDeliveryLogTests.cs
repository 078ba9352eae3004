using ImeBridge.Core.Outbound.PartnerEvents;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

/// <summary>The delivery log as the webhook sender, the operator API and replay use it.</summary>
public sealed class PostgresWebhookDeliveryLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static WebhookDelivery Delivery(string subscriptionId, string eventId, string referralId, DateTimeOffset createdAt) => new(
        WebhookDelivery.IdFor(subscriptionId, eventId),
        subscriptionId,
        eventId,
        "appointment.scheduled",
        referralId,
        "acme-insurance",
        createdAt,
        new Dictionary<string, string> { ["state"] = "Scheduled", ["expertId"] = "npi:1748512369", ["at"] = "2026-12-02T14:00:00Z" },
        "wh:ledger:" + eventId,
        WebhookDeliveryStatuses.Pending,
        createdAt,
        createdAt);

    [Fact]
    public async Task A_delivery_is_added_once_and_reads_back_with_its_attempts_numbered_in_order()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        var time = new FakeTimeProvider(Start);
        var log = new PostgresWebhookDeliveryLog(database, time);
        var delivery = Delivery("sub-1", "evt-1", "r1", Start);

        Assert.True(await log.AddAsync(delivery, CancellationToken.None));
        Assert.False(await log.AddAsync(delivery with { Status = WebhookDeliveryStatuses.Delivered }, CancellationToken.None));
        Assert.Equal(1, await log.RecordAttemptAsync(delivery.DeliveryId, Start.AddSeconds(1), 503, null, 120, WebhookDeliveryStatuses.Retrying, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await log.RecordAttemptAsync(delivery.DeliveryId, Start.AddMinutes(1), null, "timeout", 10_000, WebhookDeliveryStatuses.Retrying, CancellationToken.None));
        Assert.Equal(3, await log.RecordAttemptAsync(delivery.DeliveryId, Start.AddMinutes(2), 200, null, 80, WebhookDeliveryStatuses.Delivered, CancellationToken.None));

        var found = (await log.FindAsync(delivery.DeliveryId, CancellationToken.None))!;
        Assert.Equal(WebhookDeliveryStatuses.Delivered, found.Status);
        Assert.Equal(Start.AddMinutes(1), found.UpdatedAt);
        Assert.Equal(["state", "expertId", "at"], found.Data.Keys);
        Assert.Equal(delivery.Data, found.Data);
        Assert.Equal(
            [
                new WebhookAttempt(delivery.DeliveryId, 1, Start.AddSeconds(1), 503, null, 120, WebhookDeliveryStatuses.Retrying),
                new WebhookAttempt(delivery.DeliveryId, 2, Start.AddMinutes(1), null, "timeout", 10_000, WebhookDeliveryStatuses.Retrying),
                new WebhookAttempt(delivery.DeliveryId, 3, Start.AddMinutes(2), 200, null, 80, WebhookDeliveryStatuses.Delivered),
            ],
            found.Attempts);
        Assert.Null(await log.FindAsync("wh:sub-1:unknown", CancellationToken.None));
    }

    [Fact]
    public async Task Attempts_recorded_by_two_instances_at_once_get_distinct_consecutive_numbers()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        await using var other = await PostgresDatabase.OpenAsync(ports.ConnectionString);
        var first = new PostgresWebhookDeliveryLog(database, new FakeTimeProvider(Start));
        var second = new PostgresWebhookDeliveryLog(other, new FakeTimeProvider(Start));
        var delivery = Delivery("sub-1", "evt-1", "r1", Start);
        await first.AddAsync(delivery, CancellationToken.None);

        var numbers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).RecordAttemptAsync(delivery.DeliveryId, Start, 500, null, 5, WebhookDeliveryStatuses.Retrying, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 12), numbers.Order());
    }

    [Fact]
    public async Task A_query_filters_by_subscription_referral_status_and_time_newest_first()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        var log = new PostgresWebhookDeliveryLog(database, new FakeTimeProvider(Start));
        await log.AddAsync(Delivery("sub-1", "evt-1", "r1", Start), CancellationToken.None);
        await log.AddAsync(Delivery("sub-1", "evt-2", "r2", Start.AddMinutes(1)), CancellationToken.None);
        await log.AddAsync(Delivery("sub-2", "evt-3", "r1", Start.AddMinutes(2)), CancellationToken.None);
        await log.AddAsync(Delivery("sub-1", "evt-4", "r1", Start.AddMinutes(2)), CancellationToken.None);
        await log.SetStatusAsync(WebhookDelivery.IdFor("sub-1", "evt-2"), WebhookDeliveryStatuses.DeadLettered, CancellationToken.None);
        await log.RecordAttemptAsync(WebhookDelivery.IdFor("sub-1", "evt-4"), Start.AddMinutes(3), 410, null, 30, WebhookDeliveryStatuses.Refused, CancellationToken.None);

        Assert.Equal(["evt-4", "evt-3", "evt-2", "evt-1"], await Events(log, new WebhookDeliveryQuery()));
        Assert.Equal(["evt-4", "evt-2", "evt-1"], await Events(log, new WebhookDeliveryQuery(SubscriptionId: "sub-1")));
        Assert.Equal(["evt-4", "evt-3", "evt-1"], await Events(log, new WebhookDeliveryQuery(ReferralId: "r1")));
        Assert.Equal(["evt-2"], await Events(log, new WebhookDeliveryQuery(Status: WebhookDeliveryStatuses.DeadLettered)));
        Assert.Equal(["evt-2", "evt-1"], await Events(log, new WebhookDeliveryQuery(SubscriptionId: "sub-1", From: Start, To: Start.AddMinutes(1))));
        Assert.Equal(["evt-4"], await Events(log, new WebhookDeliveryQuery(Max: 1)));
        var refused = Assert.Single(await log.QueryAsync(new WebhookDeliveryQuery(Status: WebhookDeliveryStatuses.Refused), CancellationToken.None));
        Assert.Equal(410, Assert.Single(refused.Attempts).HttpStatus);
    }

    private static async Task<string[]> Events(PostgresWebhookDeliveryLog log, WebhookDeliveryQuery query) =>
        [.. (await log.QueryAsync(query, CancellationToken.None)).Select(d => d.EventId)];
}
