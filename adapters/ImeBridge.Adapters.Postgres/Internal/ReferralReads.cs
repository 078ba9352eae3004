using ImeBridge.Core.Json;
using System.Data;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Case;
using Npgsql;
using NpgsqlTypes;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>The referral store's reads.</summary>
internal static class ReferralReads
{
    /// <summary>The referral and its timeline from one snapshot, so a transition committing meanwhile is seen whole or not at all.</summary>
    public static async Task<StoredReferral?> GetAsync(NpgsqlDataSource dataSource, string referralId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var get = new NpgsqlCommand(ReferralSql.Get, connection, transaction).Text("referral_id", referralId);
        var row = await get.ReadFirstAsync(
            reader => new ReferralRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3), reader.GetInt64(4)),
            cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        await using var timeline = new NpgsqlCommand(ReferralSql.GetTimeline, connection, transaction).Text("referral_id", referralId);
        var entries = await timeline.ReadAllAsync(
            reader => new TimelineEntry(
                StoredInstant.Read(reader, 0),
                reader.GetString(1),
                reader.GetNullableString(2),
                reader.GetNullableString(3),
                reader.GetNullableString(4),
                reader.GetNullableString(5)),
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StoredReferral(referralId, row.PartnerId, row.Status, StoredReferralJson.DeserializeReferral(row.Json), entries)
        {
            Case = CaseJson.Deserialize(row.CaseJson),
            CaseVersion = row.CaseVersion,
        };
    }

    public static async Task<IReadOnlyList<ReferralSummary>> ListAsync(NpgsqlDataSource dataSource, ReferralQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReferralSql.ListSummaries)
            .Text("partner_id", query.PartnerId)
            .Instant("updated_before", query.UpdatedBefore)
            .Integer("max", Math.Clamp(query.Max, 1, 1000));
        command.Parameters.Add(new NpgsqlParameter<string[]>("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. query.Statuses ?? []] });
        return await command.ReadAllAsync(ReadSummary, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<ReferralSummary>> FindByClaimKeyAsync(NpgsqlDataSource dataSource, string claimKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReferralSql.FindByClaimKey).Text("claim_key", claimKey);
        return await command.ReadAllAsync(ReadSummary, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<RejectedIntake>> ListRejectionsAsync(NpgsqlDataSource dataSource, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReferralSql.ListRejections).Integer("max", max);
        return await command.ReadAllAsync(ReadRejection, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<RejectedIntake?> GetRejectionAsync(NpgsqlDataSource dataSource, string rejectionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReferralSql.GetRejection).Text("rejection_id", rejectionId);
        return await command.ReadFirstAsync(ReadRejection, cancellationToken).ConfigureAwait(false);
    }

    private sealed record ReferralRow(string PartnerId, string Status, string Json, string? CaseJson, long CaseVersion);

    private static ReferralSummary ReadSummary(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), StoredInstant.Read(reader, 3), StoredInstant.Read(reader, 4));

    private static RejectedIntake ReadRejection(NpgsqlDataReader reader)
    {
        var sha256 = reader.GetNullableString(5);
        var original = sha256 is null
            ? null
            : new DocumentRef(sha256, reader.IsDBNull(6) ? 0 : reader.GetInt64(6), reader.GetNullableString(7) ?? "", reader.GetNullableString(8) ?? "");
        var replayedReferralId = reader.GetNullableString(10);
        var replayed = replayedReferralId is null
            ? null
            : new RejectionReplay(replayedReferralId, StoredInstant.ReadNullable(reader, 11) ?? DateTimeOffset.UnixEpoch);
        return new RejectedIntake(
            reader.GetString(0),
            StoredInstant.Read(reader, 1),
            reader.GetString(2),
            reader.GetNullableString(3),
            reader.GetNullableString(4),
            original,
            StoredReferralJson.DeserializeErrors(reader.GetString(9)),
            replayed);
    }
}
