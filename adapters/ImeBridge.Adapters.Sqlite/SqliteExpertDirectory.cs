using System.Collections.Concurrent;
using System.Globalization;
using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Experts;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Scheduling;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// The expert directory in <see cref="SqliteDatabase"/>: each expert as JSON in <c>experts</c> (with <c>npi</c> and
/// <c>active</c> indexed), its licensed states and specialty codes in side tables for the lookups. An upsert is
/// one write of the single writer, so a list is stored entirely or not at all. Slots held by referrals are in
/// <c>expert_bookings</c>; a booking's checks (slot free, daily capacity) and its write are one write of the writer too.
/// </summary>
public sealed class SqliteExpertDirectory : IExpertDirectory
{
    private readonly SqliteDatabase database;
    private readonly TimeProvider time;

    // Experts as last parsed, by id with the updated_at they were parsed at: matching reads every candidate with
    // months of slots for each referral, and parsing that JSON again each time would cost more than the match.
    private readonly ConcurrentDictionary<string, (long UpdatedAt, Expert Expert)> parsed = new(StringComparer.Ordinal);

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
        return UpsertAsync(copy, cancellationToken);
    }

    private async Task UpsertAsync(Expert[] experts, CancellationToken cancellationToken)
    {
        try
        {
            await database.WriteAsync((Experts: experts, Now: UnixTime.Now(time)), static (commands, state) => ExpertWrites.Upsert(commands, state.Experts, state.Now), cancellationToken);
        }
        finally
        {
            foreach (var expert in experts)
            {
                parsed.TryRemove(expert.ExpertId, out _);
            }
        }
    }

    /// <summary>The expert of the current row (<c>expert_id, updated_at, expert_json</c>), parsed only when it changed.</summary>
    private Expert Parsed(SqliteDataReader reader)
    {
        var expertId = reader.GetString(0);
        var updatedAt = reader.GetInt64(1);
        if (parsed.TryGetValue(expertId, out var cached) && cached.UpdatedAt == updatedAt)
        {
            return cached.Expert;
        }

        var expert = ExpertJson.Deserialize(reader.GetString(2));
        parsed[expertId] = (updatedAt, expert);
        return expert;
    }

    public Task<Expert?> GetAsync(string expertId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expertId);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        using var reader = lease.Commands.Get(ExpertSql.Get).Bind("$expert_id", expertId).ExecuteReader();
        return Task.FromResult(reader.Read() ? Parsed(reader) : null);
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
                experts.Add(Parsed(reader));
            }
        }

        return Task.FromResult<IReadOnlyList<Expert>>(experts);
    }

    public async Task<bool> RemoveAsync(string expertId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expertId);
        parsed.TryRemove(expertId, out _);
        return await database.WriteAsync(expertId, static (commands, id) => ExpertWrites.Remove(commands, id), cancellationToken);
    }

    public Task<IReadOnlyList<ExpertBooking>> ListBookingsAsync(string expertId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expertId);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        var bookings = new List<ExpertBooking>();
        using (var reader = lease.Commands.Get(ExpertBookingSql.List).Bind("$expert_id", expertId).ExecuteReader())
        {
            while (reader.Read())
            {
                bookings.Add(new ExpertBooking(
                    reader.GetString(0),
                    UnixTime.FromMilliseconds(reader.GetInt64(1)),
                    DateOnly.ParseExact(reader.GetString(2), ExpertBookingWrites.DateFormat, CultureInfo.InvariantCulture),
                    reader.GetString(3),
                    reader.GetString(4),
                    UnixTime.FromMilliseconds(reader.GetInt64(5))));
            }
        }

        return Task.FromResult<IReadOnlyList<ExpertBooking>>(bookings);
    }

    public async Task<bool> TryBookAsync(ExpertBooking booking, int? capacityPerDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return await database.WriteAsync((Booking: booking, Capacity: capacityPerDay), static (commands, state) => ExpertBookingWrites.TryBook(commands, state.Booking, state.Capacity), cancellationToken);
    }

    public async Task<bool> ReleaseAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        return await database.WriteAsync(referralId, static (commands, id) => ExpertBookingWrites.Release(commands, id), cancellationToken);
    }
}
