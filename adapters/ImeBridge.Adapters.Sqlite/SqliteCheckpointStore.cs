using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// Checkpoints in the <c>checkpoints</c> table of <see cref="SqliteDatabase"/>, written through its single writer
/// (so a set is durable once it returns) and stamped with the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SqliteCheckpointStore : ICheckpointStore
{
    private const string Upsert = """
        INSERT INTO checkpoints (key, value, updated_at) VALUES ($key, $value, $updated_at)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
        """;

    private const string Select = "SELECT value FROM checkpoints WHERE key = $key;";

    private readonly SqliteDatabase database;
    private readonly TimeProvider time;

    public SqliteCheckpointStore(SqliteDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        return Task.FromResult(lease.Commands.Get(Select).Bind("$key", key).ExecuteScalar() as string);
    }

    public Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        return database.WriteAsync(
            (Key: key, Value: value, UpdatedAt: UnixTime.Now(time)),
            static (commands, state) => commands.Get(Upsert)
                .Bind("$key", state.Key)
                .Bind("$value", state.Value)
                .Bind("$updated_at", state.UpdatedAt)
                .ExecuteNonQuery(),
            cancellationToken);
    }
}
