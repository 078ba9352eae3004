using ImeBridge.Core.Json;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>The referral store's writes; each runs inside the caller's transaction.</summary>
internal static class ReferralWrites
{
    /// <summary>Inserts the referral row; false when a unique key (id, partner + delivery, partner + external id) is taken.</summary>
    public static async Task<bool> TryInsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NewReferral referral, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var source = referral.Referral.Source;
        var status = referral.Referral.Status ?? referral.FirstEntry.Status ?? ReferralStatus.Received;
        await using var command = new NpgsqlCommand(ReferralSql.Insert, connection, transaction)
            .Text("referral_id", referral.ReferralId)
            .Text("partner_id", referral.PartnerId)
            .Text("external_id", string.IsNullOrEmpty(source.ExternalId) ? null : source.ExternalId)
            .Text("delivery_id", string.IsNullOrEmpty(source.DeliveryId) ? null : source.DeliveryId)
            .Text("claim_key", Core.Workflow.Linking.ClaimKey.For(referral.Referral))
            .Text("status", status)
            .Instant("received_at", source.ReceivedAt ?? referral.FirstEntry.At)
            .Instant("updated_at", now)
            .Jsonb("referral_json", StoredReferralJson.SerializeReferral(referral.Referral));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>The referral already stored for the same delivery or, failing that, the same external id.</summary>
    public static async Task<AcceptOutcome?> FindDuplicateAsync(NpgsqlDataSource dataSource, NewReferral referral, CancellationToken cancellationToken)
    {
        var source = referral.Referral.Source;
        if (!string.IsNullOrEmpty(source.DeliveryId))
        {
            await using var byDelivery = dataSource.CreateCommand(ReferralSql.FindByDelivery)
                .Text("partner_id", referral.PartnerId)
                .Text("delivery_id", source.DeliveryId);
            if (await byDelivery.ReadFirstAsync(Duplicate, cancellationToken).ConfigureAwait(false) is { } found)
            {
                return found;
            }
        }

        if (string.IsNullOrEmpty(source.ExternalId))
        {
            return null;
        }

        await using var byExternal = dataSource.CreateCommand(ReferralSql.FindByExternalId)
            .Text("partner_id", referral.PartnerId)
            .Text("external_id", source.ExternalId);
        return await byExternal.ReadFirstAsync(Duplicate, cancellationToken).ConfigureAwait(false);
    }

    public static async Task InsertOriginalAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IntakeOriginal? original, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (original is null)
        {
            return;
        }

        await using var command = new NpgsqlCommand(ReferralSql.InsertOriginal, connection, transaction)
            .Text("sha256", original.Reference.Sha256)
            .Text("content_type", original.Reference.ContentType)
            .Bigint("size", original.Reference.Size)
            .Instant("stored_at", now)
            .Bytes("content", original.Content);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task InsertTimelineAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string referralId, int? seq, TimelineEntry entry, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(seq is null ? ReferralSql.AppendTimeline : ReferralSql.InsertTimeline, connection, transaction)
            .Text("referral_id", referralId)
            .Instant("at", entry.At)
            .Text("event", entry.Event)
            .Text("status", entry.Status)
            .Text("actor", entry.Actor)
            .Text("message_id", entry.MessageId)
            .Text("detail", entry.Detail);
        if (seq is { } first)
        {
            command.Integer("seq", first);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static AcceptOutcome Duplicate(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetString(1), Duplicate: true);
}
