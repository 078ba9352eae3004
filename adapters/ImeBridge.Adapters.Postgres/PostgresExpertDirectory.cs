using System.Collections.Concurrent;
using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Experts;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Scheduling;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// The expert directory in <see cref="PostgresDatabase"/>: each expert as JSON in <c>experts</c> (with <c>npi</c> and
/// <c>active</c> indexed), its licensed states and specialty codes in side tables for the lookups. An upsert is one
/// transaction, so a list is stored entirely or not at all. Slots held by referrals are in <c>expert_bookings</c>; a
/// booking's checks (slot free, daily capacity) and its write are one transaction holding the expert's advisory lock.
/// </summary>
public sealed class PostgresExpertDirectory : IExpertDirectory
{
    private readonly PostgresDatabase database;
    private readonly TimeProvider time;

    // Experts as last parsed, by id with the revision they were parsed at: matching reads every candidate for each
    // referral, and parsing that JSON again each time would cost more than the match. The revision comes from a
    // sequence, so a write by another process is never mistaken for the cached one.
    private readonly ConcurrentDictionary<string, (long Revision, Expert Expert)> parsed = new(StringComparer.Ordinal);

    public PostgresExpertDirectory(PostgresDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public async Task UpsertAsync(IReadOnlyList<Expert> experts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experts);
        if (experts.Count == 0)
        {
            return;
        }

        var copy = experts.ToArray();
        try
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExpertWrites.UpsertAsync(connection, copy, StoredInstant.Now(time), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            foreach (var expert in copy)
            {
                parsed.TryRemove(expert.ExpertId, out _);
            }
        }
    }

    public async Task<Expert?> GetAsync(string expertId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expertId);
        await using var command = database.DataSource.CreateCommand(ExpertSql.Get).Text("expert_id", expertId);
        var found = await command.ReadAllAsync(Parsed, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<Expert>> ListAsync(ExpertFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = database.DataSource.CreateCommand(ExpertSql.List)
            .Boolean("active", filter.Active)
            .Text("state", filter.LicensedState?.ToUpperInvariant())
            .Text("code", filter.SpecialtyCode);
        return await command.ReadAllAsync(Parsed, cancellationToken);
    }

    public async Task<bool> RemoveAsync(string expertId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expertId);
        parsed.TryRemove(expertId, out _);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await ExpertWrites.RemoveAsync(connection, expertId, cancellationToken);
    }

    public async Task<IReadOnlyList<ExpertBooking>> ListBookingsAsync(string expertId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expertId);
        await using var command = database.DataSource.CreateCommand(ExpertBookingSql.List).Text("expert_id", expertId);
        return await command.ReadAllAsync(
            static reader => new ExpertBooking(
                reader.GetString(0),
                StoredInstant.Read(reader, 1),
                reader.GetFieldValue<DateOnly>(2),
                reader.GetString(3),
                reader.GetString(4),
                StoredInstant.Read(reader, 5)),
            cancellationToken);
    }

    public async Task<bool> TryBookAsync(ExpertBooking booking, int? capacityPerDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await ExpertBookingWrites.TryBookAsync(connection, booking, capacityPerDay, cancellationToken);
    }

    public async Task<bool> ReleaseAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        await using var command = database.DataSource.CreateCommand(ExpertBookingSql.Release).Text("referral_id", referralId);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The expert of the current row (<c>expert_id, revision, expert_json</c>), parsed only when it changed.</summary>
    private Expert Parsed(NpgsqlDataReader reader)
    {
        var expertId = reader.GetString(0);
        var revision = reader.GetInt64(1);
        if (parsed.TryGetValue(expertId, out var cached) && cached.Revision == revision)
        {
            return cached.Expert;
        }

        var expert = ExpertJson.Deserialize(reader.GetString(2));
        parsed[expertId] = (revision, expert);
        return expert;
    }
}
