using System.Text.Json;
using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Outbound.PartnerEvents;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// <see cref="IWebhookDeliveryLog"/> in <c>webhook_deliveries</c> and <c>webhook_attempts</c>, written through the
/// single writer (an attempt's number and the delivery's new status in one write).
/// </summary>
public sealed class SqliteWebhookDeliveryLog(SqliteDatabase database, TimeProvider time) : IWebhookDeliveryLog
{
    private const string Columns = "delivery_id, subscription_id, event_id, event_type, referral_id, partner_id, occurred_at, data, ledger_message_id, status, created_at, updated_at";

    private const string Insert = """
        INSERT INTO webhook_deliveries (delivery_id, subscription_id, event_id, event_type, referral_id, partner_id, occurred_at, data, ledger_message_id, status, created_at, updated_at)
        VALUES ($id, $subscription, $event, $type, $referral, $partner, $occurred, $data, $ledger, $status, $created, $updated)
        ON CONFLICT (delivery_id) DO NOTHING;
        """;

    private const string NextAttempt = "SELECT COALESCE(MAX(attempt), 0) + 1 FROM webhook_attempts WHERE delivery_id = $id;";

    private const string InsertAttempt = """
        INSERT INTO webhook_attempts (delivery_id, attempt, at, http_status, error_kind, duration_ms, outcome)
        VALUES ($id, $attempt, $at, $status, $error, $duration, $outcome);
        """;

    private const string UpdateStatus = "UPDATE webhook_deliveries SET status = $status, updated_at = $now WHERE delivery_id = $id;";

    private const string SelectById = $"SELECT {Columns} FROM webhook_deliveries WHERE delivery_id = $id;";

    private const string SelectAttempts = "SELECT delivery_id, attempt, at, http_status, error_kind, duration_ms, outcome FROM webhook_attempts WHERE delivery_id = $id ORDER BY attempt;";

    // Each filter is off when its parameter is NULL, so one prepared statement serves every combination.
    private const string Query = $"""
        SELECT {Columns} FROM webhook_deliveries
        WHERE ($subscription IS NULL OR subscription_id = $subscription)
          AND ($referral IS NULL OR referral_id = $referral)
          AND ($status IS NULL OR status = $status)
          AND ($from IS NULL OR created_at >= $from)
          AND ($to IS NULL OR created_at <= $to)
        ORDER BY created_at DESC, rowid DESC
        LIMIT $max;
        """;

    public Task<bool> AddAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return database.WriteAsync(
            delivery,
            static (commands, d) => commands.Get(Insert)
                .Bind("$id", d.DeliveryId)
                .Bind("$subscription", d.SubscriptionId)
                .Bind("$event", d.EventId)
                .Bind("$type", d.EventType)
                .Bind("$referral", d.ReferralId)
                .Bind("$partner", d.PartnerId)
                .Bind("$occurred", UnixTime.ToMilliseconds(d.OccurredAt))
                .Bind("$data", JsonSerializer.Serialize(d.Data))
                .Bind("$ledger", d.LedgerMessageId)
                .Bind("$status", d.Status)
                .Bind("$created", UnixTime.ToMilliseconds(d.CreatedAt))
                .Bind("$updated", UnixTime.ToMilliseconds(d.UpdatedAt))
                .ExecuteNonQuery() == 1,
            cancellationToken);
    }

    public Task<WebhookDelivery?> FindAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        using var lease = database.Read();
        var found = lease.InSnapshot(commands => ReadDeliveries(commands, commands.Get(SelectById).Bind("$id", deliveryId)));
        return Task.FromResult(found.Count == 0 ? null : found[0]);
    }

    public Task<int> RecordAttemptAsync(string deliveryId, DateTimeOffset at, int? httpStatus, string? errorKind, long durationMs, string status, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        ArgumentException.ThrowIfNullOrEmpty(status);
        return database.WriteAsync(
            (Id: deliveryId, At: UnixTime.ToMilliseconds(at), HttpStatus: httpStatus, Error: errorKind, Duration: durationMs, Status: status, Now: UnixTime.Now(time)),
            static (commands, state) =>
            {
                var attempt = Convert.ToInt32(commands.Get(NextAttempt).Bind("$id", state.Id).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                commands.Get(InsertAttempt)
                    .Bind("$id", state.Id)
                    .Bind("$attempt", attempt)
                    .Bind("$at", state.At)
                    .Bind("$status", state.HttpStatus)
                    .Bind("$error", state.Error)
                    .Bind("$duration", state.Duration)
                    .Bind("$outcome", state.Status)
                    .ExecuteNonQuery();
                commands.Get(UpdateStatus).Bind("$id", state.Id).Bind("$status", state.Status).Bind("$now", state.Now).ExecuteNonQuery();
                return attempt;
            },
            cancellationToken);
    }

    public Task SetStatusAsync(string deliveryId, string status, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        return database.WriteAsync(
            (Id: deliveryId, Status: status, Now: UnixTime.Now(time)),
            static (commands, state) => commands.Get(UpdateStatus).Bind("$id", state.Id).Bind("$status", state.Status).Bind("$now", state.Now).ExecuteNonQuery(),
            cancellationToken);
    }

    public Task<IReadOnlyList<WebhookDelivery>> QueryAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var lease = database.Read();
        return Task.FromResult(lease.InSnapshot(commands => ReadDeliveries(
            commands,
            commands.Get(Query)
                .Bind("$subscription", query.SubscriptionId)
                .Bind("$referral", query.ReferralId)
                .Bind("$status", query.Status)
                .Bind("$from", query.From is { } from ? UnixTime.ToMilliseconds(from) : null)
                .Bind("$to", query.To is { } to ? UnixTime.ToMilliseconds(to) : null)
                .Bind("$max", Math.Clamp(query.Max, 1, 1000)))));
    }

    private static IReadOnlyList<WebhookDelivery> ReadDeliveries(CachedCommands commands, SqliteCommand select)
    {
        var deliveries = new List<WebhookDelivery>();
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                deliveries.Add(new WebhookDelivery(
                    DeliveryId: reader.GetString(0),
                    SubscriptionId: reader.GetString(1),
                    EventId: reader.GetString(2),
                    EventType: reader.GetString(3),
                    ReferralId: reader.GetString(4),
                    PartnerId: reader.GetString(5),
                    OccurredAt: UnixTime.FromMilliseconds(reader.GetInt64(6)),
                    Data: JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7)) ?? [],
                    LedgerMessageId: reader.GetNullableString(8),
                    Status: reader.GetString(9),
                    CreatedAt: UnixTime.FromMilliseconds(reader.GetInt64(10)),
                    UpdatedAt: UnixTime.FromMilliseconds(reader.GetInt64(11))));
            }
        }

        return [.. deliveries.Select(d => d with { Attempts = ReadAttempts(commands, d.DeliveryId) })];
    }

    private static List<WebhookAttempt> ReadAttempts(CachedCommands commands, string deliveryId)
    {
        using var reader = commands.Get(SelectAttempts).Bind("$id", deliveryId).ExecuteReader();
        var attempts = new List<WebhookAttempt>();
        while (reader.Read())
        {
            attempts.Add(new WebhookAttempt(
                reader.GetString(0),
                reader.GetInt32(1),
                UnixTime.FromMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.GetNullableString(4),
                reader.GetInt64(5),
                reader.GetString(6)));
        }

        return attempts;
    }
}
