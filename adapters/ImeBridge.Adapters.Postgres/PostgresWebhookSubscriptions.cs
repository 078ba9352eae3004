using System.Text.Json;
using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Outbound.PartnerEvents;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// <see cref="IWebhookSubscriptions"/> in the <c>webhook_subscriptions</c> table. Merging the configured subscriptions
/// is one transaction under an advisory lock, so processes starting together merge one after the other.
/// </summary>
public sealed class PostgresWebhookSubscriptions(PostgresDatabase database, TimeProvider time) : IWebhookSubscriptions
{
    private const string Columns = "subscription_id, partner_id, url, secret, events::text, full_payload, enabled, source, disabled_reason, created_at, updated_at";

    private const string Upsert = """
        INSERT INTO webhook_subscriptions (subscription_id, partner_id, url, secret, events, full_payload, enabled, source, disabled_reason, created_at, updated_at)
        VALUES (@id, @partner, @url, @secret, @events, @full, @enabled, @source, @reason, @created, @updated)
        ON CONFLICT (subscription_id) DO UPDATE SET partner_id = excluded.partner_id, url = excluded.url, secret = excluded.secret,
            events = excluded.events, full_payload = excluded.full_payload, enabled = excluded.enabled, source = excluded.source,
            disabled_reason = excluded.disabled_reason, updated_at = excluded.updated_at;
        """;

    private const string LockMerge = "SELECT pg_advisory_xact_lock(hashtextextended('webhook_subscriptions:merge', 0));";

    // A configured subscription keeps its enabled state (a 410 stays until an operator enables it) and its creation time.
    private const string MergeConfigured = """
        INSERT INTO webhook_subscriptions AS s (subscription_id, partner_id, url, secret, events, full_payload, enabled, source, disabled_reason, created_at, updated_at)
        VALUES (@id, @partner, @url, @secret, @events, @full, true, 'config', NULL, @now, @now)
        ON CONFLICT (subscription_id) DO UPDATE SET partner_id = excluded.partner_id, url = excluded.url, secret = excluded.secret,
            events = excluded.events, full_payload = excluded.full_payload, source = 'config',
            updated_at = CASE WHEN s.url = excluded.url AND s.secret = excluded.secret AND s.events = excluded.events
                AND s.full_payload = excluded.full_payload AND s.partner_id = excluded.partner_id AND s.source = 'config'
                THEN s.updated_at ELSE excluded.updated_at END;
        """;

    private const string DeleteStaleConfigured = "DELETE FROM webhook_subscriptions WHERE source = 'config' AND NOT (subscription_id = ANY (@keep));";
    private const string Delete = "DELETE FROM webhook_subscriptions WHERE subscription_id = @id;";
    private const string SetEnabled = "UPDATE webhook_subscriptions SET enabled = @enabled, disabled_reason = @reason, updated_at = @now WHERE subscription_id = @id;";
    private const string SelectById = $"SELECT {Columns} FROM webhook_subscriptions WHERE subscription_id = @id;";
    private const string SelectByPartner = $"SELECT {Columns} FROM webhook_subscriptions WHERE partner_id = @partner ORDER BY created_at, subscription_id COLLATE \"C\";";

    public async Task<IReadOnlyList<WebhookSubscription>> ListForPartnerAsync(string partnerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partnerId);
        await using var command = database.DataSource.CreateCommand(SelectByPartner).Text("partner", partnerId);
        return await command.ReadAllAsync(Row, cancellationToken);
    }

    public async Task<WebhookSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        await using var command = database.DataSource.CreateCommand(SelectById).Text("id", subscriptionId);
        return await command.ReadFirstAsync(Row, cancellationToken);
    }

    public async Task SaveAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var command = database.DataSource.CreateCommand(Upsert)
            .Text("id", subscription.Id)
            .Text("partner", subscription.PartnerId)
            .Text("url", subscription.Url.AbsoluteUri)
            .Text("secret", subscription.Secret)
            .Jsonb("events", JsonSerializer.Serialize(subscription.Events))
            .Boolean("full", subscription.FullPayload)
            .Boolean("enabled", subscription.Enabled)
            .Text("source", subscription.Source)
            .Text("reason", subscription.DisabledReason)
            .Instant("created", subscription.CreatedAt)
            .Instant("updated", subscription.UpdatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        await using var command = database.DataSource.CreateCommand(Delete).Text("id", subscriptionId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> SetEnabledAsync(string subscriptionId, bool enabled, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        await using var command = database.DataSource.CreateCommand(SetEnabled)
            .Text("id", subscriptionId)
            .Boolean("enabled", enabled)
            .Text("reason", enabled ? null : reason)
            .Instant("now", StoredInstant.Now(time));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task MergeConfiguredAsync(IReadOnlyList<WebhookSubscription> configured, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var now = StoredInstant.Now(time);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockMerge = new NpgsqlCommand(LockMerge, connection, transaction))
        {
            await lockMerge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var deleteStale = new NpgsqlCommand(DeleteStaleConfigured, connection, transaction))
        {
            deleteStale.Parameters.Add(new NpgsqlParameter("keep", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
            {
                Value = configured.Select(s => s.Id).ToArray(),
            });
            await deleteStale.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var s in configured)
        {
            await using var merge = new NpgsqlCommand(MergeConfigured, connection, transaction)
                .Text("id", s.Id)
                .Text("partner", s.PartnerId)
                .Text("url", s.Url.AbsoluteUri)
                .Text("secret", s.Secret)
                .Jsonb("events", JsonSerializer.Serialize(s.Events))
                .Boolean("full", s.FullPayload)
                .Instant("now", now);
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static WebhookSubscription Row(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        PartnerId: reader.GetString(1),
        Url: new Uri(reader.GetString(2), UriKind.Absolute),
        Secret: reader.GetString(3),
        Events: JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
        FullPayload: reader.GetBoolean(5),
        Enabled: reader.GetBoolean(6),
        Source: reader.GetString(7),
        CreatedAt: StoredInstant.Read(reader, 9),
        UpdatedAt: StoredInstant.Read(reader, 10),
        DisabledReason: reader.GetNullableString(8));
}
