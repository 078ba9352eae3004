using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Outbound;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// <see cref="IOperatorAlerts"/> in the <c>operator_alerts</c> table. Raising an alert also writes one Error log line
/// (kind, key, referral id: never PHI) in the process that added it, which is what a log-based monitor pages on; a key
/// raised by several processes at once is added, and logged, once.
/// </summary>
public sealed class PostgresOperatorAlerts(PostgresDatabase database, TimeProvider time, ILogger<PostgresOperatorAlerts> logger) : IOperatorAlerts
{
    private const string Insert = """
        INSERT INTO operator_alerts (key, kind, referral_id, detail, raised_at, resolved_at)
        VALUES (@key, @kind, @referral, @detail, @raised, NULL)
        ON CONFLICT (key) DO NOTHING;
        """;

    // True when the key exists (resolved now or before), NULL when it does not.
    private const string Resolve = """
        WITH resolved AS (UPDATE operator_alerts SET resolved_at = @now WHERE key = @key AND resolved_at IS NULL RETURNING key)
        SELECT true FROM resolved
        UNION ALL
        SELECT true FROM operator_alerts WHERE key = @key AND NOT EXISTS (SELECT 1 FROM resolved);
        """;

    private const string SelectOpen = "SELECT key, kind, referral_id, detail, raised_at, resolved_at FROM operator_alerts WHERE resolved_at IS NULL ORDER BY raised_at DESC LIMIT @max;";

    private const string SelectAll = "SELECT key, kind, referral_id, detail, raised_at, resolved_at FROM operator_alerts ORDER BY raised_at DESC LIMIT @max;";

    public async Task<bool> RaiseAsync(OperatorAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        bool added;
        await using (var command = database.DataSource.CreateCommand(Insert)
            .Text("key", alert.Key)
            .Text("kind", alert.Kind)
            .Text("referral", alert.ReferralId)
            .Text("detail", alert.Detail)
            .Instant("raised", alert.RaisedAt))
        {
            added = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        if (added)
        {
            logger.LogError("Operator alert {AlertKind} ({AlertKey}) for referral {ReferralId}: {AlertDetail}", alert.Kind, alert.Key, alert.ReferralId ?? "none", alert.Detail);
        }

        return added;
    }

    public async Task<IReadOnlyList<OperatorAlert>> ListAsync(bool includeResolved, int max, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(includeResolved ? SelectAll : SelectOpen).Integer("max", Math.Clamp(max, 1, 1000));
        return await command.ReadAllAsync(
            static reader => new OperatorAlert(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetNullableString(2),
                reader.GetString(3),
                StoredInstant.Read(reader, 4),
                StoredInstant.ReadNullable(reader, 5)),
            cancellationToken);
    }

    public async Task<bool> ResolveAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var command = database.DataSource.CreateCommand(Resolve).Text("key", key).Instant("now", StoredInstant.Now(time));
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
