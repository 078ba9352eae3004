using System.Text.Json;
using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Outbound.PartnerEvents;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Sqlite;

/// <summary><see cref="IWebhookSubscriptions"/> in the <c>webhook_subscriptions</c> table, written through the single writer.</summary>
public sealed class SqliteWebhookSubscriptions(SqliteDatabase database, TimeProvider time) : IWebhookSubscriptions
{
    private const string Columns = "subscription_id, partner_id, url, secret, events, full_payload, enabled, source, disabled_reason, created_at, updated_at";

    private const string Upsert = """
        INSERT INTO webhook_subscriptions (subscription_id, partner_id, url, secret, events, full_payload, enabled, source, disabled_reason, created_at, updated_at)
        VALUES ($id, $partner, $url, $secret, $events, $full, $enabled, $source, $reason, $created, $updated)
        ON CONFLICT (subscription_id) DO UPDATE SET partner_id = excluded.partner_id, url = excluded.url, secret = excluded.secret,
            events = excluded.events, full_payload = excluded.full_payload, enabled = excluded.enabled, source = excluded.source,
            disabled_reason = excluded.disabled_reason, updated_at = excluded.updated_at;
        """;

    // A configured subscription keeps its enabled state (a 410 stays until an operator enables it) and its creation time.
    private const string MergeConfigured = """
        INSERT INTO webhook_subscriptions (subscription_id, partner_id, url, secret, events, full_payload, enabled, source, disabled_reason, created_at, updated_at)
        VALUES ($id, $partner, $url, $secret, $events, $full, 1, 'config', NULL, $now, $now)
        ON CONFLICT (subscription_id) DO UPDATE SET partner_id = excluded.partner_id, url = excluded.url, secret = excluded.secret,
            events = excluded.events, full_payload = excluded.full_payload, source = 'config',
            updated_at = CASE WHEN url = excluded.url AND secret = excluded.secret AND events = excluded.events
                AND full_payload = excluded.full_payload AND partner_id = excluded.partner_id AND source = 'config' THEN updated_at ELSE excluded.updated_at END;
        """;

    private const string SelectConfiguredIds = "SELECT subscription_id FROM webhook_subscriptions WHERE source = 'config';";
    private const string Delete = "DELETE FROM webhook_subscriptions WHERE subscription_id = $id;";
    private const string SetEnabled = "UPDATE webhook_subscriptions SET enabled = $enabled, disabled_reason = $reason, updated_at = $now WHERE subscription_id = $id;";
    private const string SelectById = $"SELECT {Columns} FROM webhook_subscriptions WHERE subscription_id = $id;";
    private const string SelectByPartner = $"SELECT {Columns} FROM webhook_subscriptions WHERE partner_id = $partner ORDER BY created_at, subscription_id;";

    public Task<IReadOnlyList<WebhookSubscription>> ListForPartnerAsync(string partnerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partnerId);
        using var lease = database.Read();
        return Task.FromResult<IReadOnlyList<WebhookSubscription>>(ReadAll(lease.Commands.Get(SelectByPartner).Bind("$partner", partnerId)));
    }

    public Task<WebhookSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        using var lease = database.Read();
        var found = ReadAll(lease.Commands.Get(SelectById).Bind("$id", subscriptionId));
        return Task.FromResult(found.Count == 0 ? null : found[0]);
    }

    public Task SaveAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return database.WriteAsync(
            subscription,
            static (commands, s) => commands.Get(Upsert)
                .Bind("$id", s.Id)
                .Bind("$partner", s.PartnerId)
                .Bind("$url", s.Url.AbsoluteUri)
                .Bind("$secret", s.Secret)
                .Bind("$events", JsonSerializer.Serialize(s.Events))
                .Bind("$full", s.FullPayload ? 1 : 0)
                .Bind("$enabled", s.Enabled ? 1 : 0)
                .Bind("$source", s.Source)
                .Bind("$reason", s.DisabledReason)
                .Bind("$created", UnixTime.ToMilliseconds(s.CreatedAt))
                .Bind("$updated", UnixTime.ToMilliseconds(s.UpdatedAt))
                .ExecuteNonQuery(),
            cancellationToken);
    }

    public Task<bool> DeleteAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        return database.WriteAsync(subscriptionId, static (commands, id) => commands.Get(Delete).Bind("$id", id).ExecuteNonQuery() == 1, cancellationToken);
    }

    public Task<bool> SetEnabledAsync(string subscriptionId, bool enabled, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        return database.WriteAsync(
            (Id: subscriptionId, Enabled: enabled, Reason: enabled ? null : reason, Now: UnixTime.Now(time)),
            static (commands, state) => commands.Get(SetEnabled)
                .Bind("$id", state.Id)
                .Bind("$enabled", state.Enabled ? 1 : 0)
                .Bind("$reason", state.Reason)
                .Bind("$now", state.Now)
                .ExecuteNonQuery() == 1,
            cancellationToken);
    }

    public Task MergeConfiguredAsync(IReadOnlyList<WebhookSubscription> configured, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return database.WriteAsync(
            (Configured: configured, Now: UnixTime.Now(time)),
            static (commands, state) =>
            {
                var keep = new HashSet<string>(state.Configured.Select(s => s.Id), StringComparer.Ordinal);
                var stale = new List<string>();
                using (var reader = commands.Get(SelectConfiguredIds).ExecuteReader())
                {
                    while (reader.Read())
                    {
                        if (!keep.Contains(reader.GetString(0)))
                        {
                            stale.Add(reader.GetString(0));
                        }
                    }
                }

                foreach (var id in stale)
                {
                    commands.Get(Delete).Bind("$id", id).ExecuteNonQuery();
                }

                foreach (var s in state.Configured)
                {
                    commands.Get(MergeConfigured)
                        .Bind("$id", s.Id)
                        .Bind("$partner", s.PartnerId)
                        .Bind("$url", s.Url.AbsoluteUri)
                        .Bind("$secret", s.Secret)
                        .Bind("$events", JsonSerializer.Serialize(s.Events))
                        .Bind("$full", s.FullPayload ? 1 : 0)
                        .Bind("$now", state.Now)
                        .ExecuteNonQuery();
                }

                return state.Configured.Count;
            },
            cancellationToken);
    }

    private static List<WebhookSubscription> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var all = new List<WebhookSubscription>();
        while (reader.Read())
        {
            all.Add(new WebhookSubscription(
                Id: reader.GetString(0),
                PartnerId: reader.GetString(1),
                Url: new Uri(reader.GetString(2), UriKind.Absolute),
                Secret: reader.GetString(3),
                Events: JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
                FullPayload: reader.GetInt64(5) == 1,
                Enabled: reader.GetInt64(6) == 1,
                Source: reader.GetString(7),
                CreatedAt: UnixTime.FromMilliseconds(reader.GetInt64(9)),
                UpdatedAt: UnixTime.FromMilliseconds(reader.GetInt64(10)),
                DisabledReason: reader.GetNullableString(8)));
        }

        return all;
    }
}
