using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// Leases in the <c>leases</c> table of <see cref="PostgresDatabase"/>. Each take is one conditional upsert, which
/// PostgreSQL applies row-atomically, so two processes sharing the database never both hold a lease. Time comes only
/// from the injected <see cref="TimeProvider"/>, never from the server's clock.
/// </summary>
public sealed class PostgresLeaseStore : ILeaseStore
{
    /// <summary>Takes the lease when it is free, expired, or already ours (renewal); otherwise changes nothing.</summary>
    private const string Acquire = """
        INSERT INTO leases (name, owner, expires_at) VALUES (@name, @owner, @expires_at)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE leases.owner = excluded.owner OR leases.expires_at <= @now;
        """;

    private const string Release = "DELETE FROM leases WHERE name = @name AND owner = @owner;";

    private const string Holder = "SELECT owner FROM leases WHERE name = @name AND expires_at > @now;";

    private const string TakeOver = "UPDATE leases SET owner = @owner, expires_at = @expires_at WHERE name = @name AND owner = @holder;";

    private readonly PostgresDatabase database;
    private readonly TimeProvider time;

    public PostgresLeaseStore(PostgresDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public async Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var now = StoredInstant.Now(time);
        await using var command = database.DataSource.CreateCommand(Acquire)
            .Text("name", name)
            .Text("owner", owner)
            .Instant("now", now)
            .Instant("expires_at", ExpiresAt(now, duration));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, Func<string, bool> holderIsGone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(holderIsGone);
        if (await TryAcquireAsync(name, owner, duration, cancellationToken))
        {
            return true;
        }

        var now = StoredInstant.Now(time);
        string? holder;
        await using (var select = database.DataSource.CreateCommand(Holder).Text("name", name).Instant("now", now))
        {
            holder = await select.ExecuteScalarAsync(cancellationToken) as string;
        }

        if (holder is null || !holderIsGone(holder))
        {
            return false;
        }

        // Conditional on the holder we judged gone: if anyone renewed or took it meanwhile, nothing changes.
        await using var takeOver = database.DataSource.CreateCommand(TakeOver)
            .Text("name", name)
            .Text("owner", owner)
            .Text("holder", holder)
            .Instant("expires_at", ExpiresAt(now, duration));
        return await takeOver.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using var command = database.DataSource.CreateCommand(Release).Text("name", name).Text("owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Now plus the duration in whole milliseconds, rounded up as the embedded store does.</summary>
    private static DateTimeOffset ExpiresAt(DateTimeOffset now, TimeSpan duration) =>
        now.AddMilliseconds(Math.Ceiling(duration.TotalMilliseconds));
}
