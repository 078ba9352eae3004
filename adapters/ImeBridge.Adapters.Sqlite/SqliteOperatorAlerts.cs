using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Outbound;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// <see cref="IOperatorAlerts"/> in the <c>operator_alerts</c> table. Raising an alert also writes one Error log line
/// (kind, key, referral id: never PHI), which is what a log-based monitor pages on.
/// </summary>
public sealed class SqliteOperatorAlerts(SqliteDatabase database, TimeProvider time, ILogger<SqliteOperatorAlerts> logger) : IOperatorAlerts
{
    private const string Insert = """
        INSERT INTO operator_alerts (key, kind, referral_id, detail, raised_at, resolved_at)
        VALUES ($key, $kind, $referral, $detail, $raised, NULL)
        ON CONFLICT (key) DO NOTHING;
        """;

    private const string Resolve = "UPDATE operator_alerts SET resolved_at = $now WHERE key = $key AND resolved_at IS NULL;";

    private const string Exists = "SELECT 1 FROM operator_alerts WHERE key = $key;";

    private const string SelectOpen = "SELECT key, kind, referral_id, detail, raised_at, resolved_at FROM operator_alerts WHERE resolved_at IS NULL ORDER BY raised_at DESC LIMIT $max;";

    private const string SelectAll = "SELECT key, kind, referral_id, detail, raised_at, resolved_at FROM operator_alerts ORDER BY raised_at DESC LIMIT $max;";

    public async Task<bool> RaiseAsync(OperatorAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var added = await database.WriteAsync(
            alert,
            static (commands, a) => commands.Get(Insert)
                .Bind("$key", a.Key)
                .Bind("$kind", a.Kind)
                .Bind("$referral", a.ReferralId)
                .Bind("$detail", a.Detail)
                .Bind("$raised", UnixTime.ToMilliseconds(a.RaisedAt))
                .ExecuteNonQuery() == 1,
            cancellationToken);
        if (added)
        {
            logger.LogError("Operator alert {AlertKind} ({AlertKey}) for referral {ReferralId}: {AlertDetail}", alert.Kind, alert.Key, alert.ReferralId ?? "none", alert.Detail);
        }

        return added;
    }

    public Task<IReadOnlyList<OperatorAlert>> ListAsync(bool includeResolved, int max, CancellationToken cancellationToken)
    {
        using var lease = database.Read();
        using var reader = lease.Commands.Get(includeResolved ? SelectAll : SelectOpen).Bind("$max", Math.Clamp(max, 1, 1000)).ExecuteReader();
        var alerts = new List<OperatorAlert>();
        while (reader.Read())
        {
            alerts.Add(new OperatorAlert(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetNullableString(2),
                reader.GetString(3),
                UnixTime.FromMilliseconds(reader.GetInt64(4)),
                reader.GetNullableInt64(5) is { } resolved ? UnixTime.FromMilliseconds(resolved) : null));
        }

        return Task.FromResult<IReadOnlyList<OperatorAlert>>(alerts);
    }

    public async Task<bool> ResolveAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var state = (Key: key, Now: UnixTime.Now(time));
        var resolved = await database.WriteAsync(state, static (commands, s) => commands.Get(Resolve).Bind("$key", s.Key).Bind("$now", s.Now).ExecuteNonQuery(), cancellationToken);
        if (resolved == 1)
        {
            return true;
        }

        using var lease = database.Read();
        return lease.Commands.Get(Exists).Bind("$key", key).ExecuteScalar() is not null;
    }
}
