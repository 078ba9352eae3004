using System.Data;
using System.Text.Json;
using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Outbound.PartnerEvents;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// <see cref="IWebhookDeliveryLog"/> in <c>webhook_deliveries</c> and <c>webhook_attempts</c>. An attempt's number and
/// the delivery's new status are one transaction holding the delivery's advisory lock, so attempts recorded by two
/// processes at once get consecutive numbers; reads take deliveries and their attempts from one snapshot.
/// </summary>
public sealed class PostgresWebhookDeliveryLog(PostgresDatabase database, TimeProvider time) : IWebhookDeliveryLog
{
    private const string Columns = "delivery_id, subscription_id, event_id, event_type, referral_id, partner_id, occurred_at, data::text, ledger_message_id, status, created_at, updated_at";

    private const string Insert = """
        INSERT INTO webhook_deliveries (delivery_id, subscription_id, event_id, event_type, referral_id, partner_id, occurred_at, data, ledger_message_id, status, created_at, updated_at)
        VALUES (@id, @subscription, @event, @type, @referral, @partner, @occurred, @data, @ledger, @status, @created, @updated)
        ON CONFLICT (delivery_id) DO NOTHING;
        """;

    private const string LockDelivery = "SELECT pg_advisory_xact_lock(hashtextextended('webhook_attempts:' || @id, 0));";

    private const string NextAttempt = "SELECT COALESCE(MAX(attempt), 0) + 1 FROM webhook_attempts WHERE delivery_id = @id;";

    private const string InsertAttempt = """
        INSERT INTO webhook_attempts (delivery_id, attempt, at, http_status, error_kind, duration_ms, outcome)
        VALUES (@id, @attempt, @at, @status, @error, @duration, @outcome);
        """;

    private const string UpdateStatus = "UPDATE webhook_deliveries SET status = @status, updated_at = @now WHERE delivery_id = @id;";

    private const string SelectById = $"SELECT {Columns} FROM webhook_deliveries WHERE delivery_id = @id;";

    private const string SelectAttempts = """
        SELECT delivery_id, attempt, at, http_status, error_kind, duration_ms, outcome FROM webhook_attempts
        WHERE delivery_id = ANY (@ids) ORDER BY delivery_id, attempt;
        """;

    // Each filter is off when its parameter is NULL.
    private const string Query = $"""
        SELECT {Columns} FROM webhook_deliveries
        WHERE (@subscription IS NULL OR subscription_id = @subscription)
          AND (@referral IS NULL OR referral_id = @referral)
          AND (@status IS NULL OR status = @status)
          AND (@from IS NULL OR created_at >= @from)
          AND (@to IS NULL OR created_at <= @to)
        ORDER BY created_at DESC, seq DESC
        LIMIT @max;
        """;

    public async Task<bool> AddAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var command = database.DataSource.CreateCommand(Insert)
            .Text("id", delivery.DeliveryId)
            .Text("subscription", delivery.SubscriptionId)
            .Text("event", delivery.EventId)
            .Text("type", delivery.EventType)
            .Text("referral", delivery.ReferralId)
            .Text("partner", delivery.PartnerId)
            .Instant("occurred", delivery.OccurredAt)
            .Json("data", JsonSerializer.Serialize(delivery.Data))
            .Text("ledger", delivery.LedgerMessageId)
            .Text("status", delivery.Status)
            .Instant("created", delivery.CreatedAt)
            .Instant("updated", delivery.UpdatedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<WebhookDelivery?> FindAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        var found = await ReadAsync(connection => new NpgsqlCommand(SelectById, connection).Text("id", deliveryId), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<int> RecordAttemptAsync(string deliveryId, DateTimeOffset at, int? httpStatus, string? errorKind, long durationMs, string status, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        ArgumentException.ThrowIfNullOrEmpty(status);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockDelivery = new NpgsqlCommand(LockDelivery, connection, transaction).Text("id", deliveryId))
        {
            await lockDelivery.ExecuteNonQueryAsync(cancellationToken);
        }

        int attempt;
        await using (var next = new NpgsqlCommand(NextAttempt, connection, transaction).Text("id", deliveryId))
        {
            attempt = Convert.ToInt32(await next.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = new NpgsqlBatchCommand(InsertAttempt);
        insert.Parameters.Add(new NpgsqlParameter("id", NpgsqlTypes.NpgsqlDbType.Text) { Value = deliveryId });
        insert.Parameters.Add(new NpgsqlParameter("attempt", NpgsqlTypes.NpgsqlDbType.Integer) { Value = attempt });
        insert.Parameters.Add(new NpgsqlParameter("at", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = StoredInstant.Of(at) });
        insert.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)httpStatus ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("error", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)errorKind ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("duration", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = durationMs });
        insert.Parameters.Add(new NpgsqlParameter("outcome", NpgsqlTypes.NpgsqlDbType.Text) { Value = status });
        batch.BatchCommands.Add(insert);
        var update = new NpgsqlBatchCommand(UpdateStatus);
        update.Parameters.Add(new NpgsqlParameter("id", NpgsqlTypes.NpgsqlDbType.Text) { Value = deliveryId });
        update.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Text) { Value = status });
        update.Parameters.Add(new NpgsqlParameter("now", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = StoredInstant.Now(time) });
        batch.BatchCommands.Add(update);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return attempt;
    }

    public async Task SetStatusAsync(string deliveryId, string status, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        await using var command = database.DataSource.CreateCommand(UpdateStatus)
            .Text("id", deliveryId)
            .Text("status", status)
            .Instant("now", StoredInstant.Now(time));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> QueryAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadAsync(
            connection => new NpgsqlCommand(Query, connection)
                .Text("subscription", query.SubscriptionId)
                .Text("referral", query.ReferralId)
                .Text("status", query.Status)
                .Instant("from", query.From)
                .Instant("to", query.To)
                .Integer("max", Math.Clamp(query.Max, 1, 1000)),
            cancellationToken);
    }

    /// <summary>The deliveries <paramref name="select"/> finds, each with its attempts, read from one snapshot.</summary>
    private async Task<IReadOnlyList<WebhookDelivery>> ReadAsync(Func<NpgsqlConnection, NpgsqlCommand> select, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        List<WebhookDelivery> deliveries;
        await using (var command = select(connection))
        {
            deliveries = await command.ReadAllAsync(Delivery, cancellationToken);
        }

        if (deliveries.Count == 0)
        {
            return deliveries;
        }

        List<WebhookAttempt> attempts;
        await using (var command = new NpgsqlCommand(SelectAttempts, connection))
        {
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
            {
                Value = deliveries.Select(d => d.DeliveryId).ToArray(),
            });
            attempts = await command.ReadAllAsync(Attempt, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var byDelivery = attempts.ToLookup(a => a.DeliveryId, StringComparer.Ordinal);
        return [.. deliveries.Select(d => d with { Attempts = [.. byDelivery[d.DeliveryId]] })];
    }

    private static WebhookDelivery Delivery(NpgsqlDataReader reader) => new(
        DeliveryId: reader.GetString(0),
        SubscriptionId: reader.GetString(1),
        EventId: reader.GetString(2),
        EventType: reader.GetString(3),
        ReferralId: reader.GetString(4),
        PartnerId: reader.GetString(5),
        OccurredAt: StoredInstant.Read(reader, 6),
        Data: JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7)) ?? [],
        LedgerMessageId: reader.GetNullableString(8),
        Status: reader.GetString(9),
        CreatedAt: StoredInstant.Read(reader, 10),
        UpdatedAt: StoredInstant.Read(reader, 11));

    private static WebhookAttempt Attempt(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        StoredInstant.Read(reader, 2),
        reader.IsDBNull(3) ? null : reader.GetInt32(3),
        reader.GetNullableString(4),
        reader.GetInt64(5),
        reader.GetString(6));
}
