using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// Leases in the <c>leases</c> table of <see cref="SqliteDatabase"/>, taken through its single writer, so two
/// processes sharing the database file never both hold one. Time comes only from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SqliteLeaseStore : ILeaseStore
{
    /// <summary>Takes the lease when it is free, expired, or already ours (renewal); otherwise changes nothing.</summary>
    private const string Acquire = """
        INSERT INTO leases (name, owner, expires_at) VALUES ($name, $owner, $expires_at)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE leases.owner = excluded.owner OR leases.expires_at <= $now;
        """;

    private const string Release = "DELETE FROM leases WHERE name = $name AND owner = $owner;";

    private const string Holder = "SELECT owner FROM leases WHERE name = $name AND expires_at > $now;";

    private const string TakeOver = "UPDATE leases SET owner = $owner, expires_at = $expires_at WHERE name = $name AND owner = $holder;";

    private readonly SqliteDatabase database;
    private readonly TimeProvider time;

    public SqliteLeaseStore(SqliteDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var now = UnixTime.Now(time);
        return database.WriteAsync(
            (Name: name, Owner: owner, Now: now, ExpiresAt: now + UnixTime.Milliseconds(duration)),
            static (commands, state) => commands.Get(Acquire)
                .Bind("$name", state.Name)
                .Bind("$owner", state.Owner)
                .Bind("$now", state.Now)
                .Bind("$expires_at", state.ExpiresAt)
                .ExecuteNonQuery() > 0,
            cancellationToken);
    }

    public async Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, Func<string, bool> holderIsGone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(holderIsGone);
        if (await TryAcquireAsync(name, owner, duration, cancellationToken))
        {
            return true;
        }

        var now = UnixTime.Now(time);
        return await database.WriteAsync(
            (Name: name, Owner: owner, Now: now, ExpiresAt: now + UnixTime.Milliseconds(duration), HolderIsGone: holderIsGone),
            static (commands, state) =>
            {
                var holder = commands.Get(Holder).Bind("$name", state.Name).Bind("$now", state.Now).ExecuteScalar() as string;
                return holder is not null
                    && state.HolderIsGone(holder)
                    && commands.Get(TakeOver)
                        .Bind("$name", state.Name)
                        .Bind("$owner", state.Owner)
                        .Bind("$holder", holder)
                        .Bind("$expires_at", state.ExpiresAt)
                        .ExecuteNonQuery() > 0;
            },
            cancellationToken);
    }

    public Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return database.WriteAsync(
            (Name: name, Owner: owner),
            static (commands, state) => commands.Get(Release).Bind("$name", state.Name).Bind("$owner", state.Owner).ExecuteNonQuery(),
            cancellationToken);
    }
}
