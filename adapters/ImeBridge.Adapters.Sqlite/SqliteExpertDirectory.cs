using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Experts;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// The expert directory in <see cref="SqliteDatabase"/>: each expert as JSON in <c>experts</c> (with <c>npi</c> and
/// <c>active</c> indexed), its licensed states and specialty codes in side tables for the lookups. An upsert is
/// one write of the single writer, so a list is stored entirely or not at all.
/// </summary>
public sealed class SqliteExpertDirectory : IExpertDirectory
{
    private readonly SqliteDatabase database;
    private readonly TimeProvider time;

    public SqliteExpertDirectory(SqliteDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public Task UpsertAsync(IReadOnlyList<Expert> experts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experts);
        if (experts.Count == 0)
        {
            return Task.CompletedTask;
        }

        var copy = experts.ToArray();
        return database.WriteAsync((Experts: copy, Now: UnixTime.Now(time)), static (commands, state) => ExpertWrites.Upsert(commands, state.Experts, state.Now), cancellationToken);
    }

    public Task<Expert?> GetAsync(string expertId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expertId);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        var json = lease.Commands.Get(ExpertSql.Get).Bind("$expert_id", expertId).ExecuteScalar() as string;
        return Task.FromResult(json is null ? null : ExpertJson.Deserialize(json));
    }

    public Task<IReadOnlyList<Expert>> ListAsync(ExpertFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        var command = lease.Commands.Get(ExpertSql.List)
            .Bind("$active", filter.Active is { } active ? (active ? 1 : 0) : null)
            .Bind("$state", filter.LicensedState?.ToUpperInvariant())
            .Bind("$code", filter.SpecialtyCode);
        var experts = new List<Expert>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                experts.Add(ExpertJson.Deserialize(reader.GetString(0)));
            }
        }

        return Task.FromResult<IReadOnlyList<Expert>>(experts);
    }

    public async Task<bool> RemoveAsync(string expertId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expertId);
        return await database.WriteAsync(expertId, static (commands, id) => ExpertWrites.Remove(commands, id), cancellationToken);
    }
}
