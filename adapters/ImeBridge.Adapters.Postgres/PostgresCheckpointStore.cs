using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// Checkpoints in the <c>checkpoints</c> table of <see cref="PostgresDatabase"/>: one upsert per set (durable once it
/// returns, visible to every process), stamped with the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class PostgresCheckpointStore : ICheckpointStore
{
    private const string Upsert = """
        INSERT INTO checkpoints (key, value, updated_at) VALUES (@key, @value, @updated_at)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
        """;

    private const string Select = "SELECT value FROM checkpoints WHERE key = @key;";

    private readonly PostgresDatabase database;
    private readonly TimeProvider time;

    public PostgresCheckpointStore(PostgresDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var command = database.DataSource.CreateCommand(Select).Text("key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        await using var command = database.DataSource.CreateCommand(Upsert)
            .Text("key", key)
            .Text("value", value)
            .Instant("updated_at", StoredInstant.Now(time));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
