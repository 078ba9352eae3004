using System.Runtime.InteropServices;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>The referral store's writes; they run on the writer thread inside the batch transaction.</summary>
internal static class ReferralWrites
{
    /// <summary>
    /// Stores the referral, its first timeline entry and its messages, or returns the referral already stored for
    /// the same delivery or external id. The writer is the only writer, so look-up-then-insert cannot race.
    /// </summary>
    public static AcceptOutcome Accept(CachedCommands commands, AcceptRow row, long now)
    {
        if (FindDuplicate(commands, row) is { } existing)
        {
            return existing;
        }

        commands.Get(ReferralSql.Insert)
            .Bind("$referral_id", row.ReferralId)
            .Bind("$partner_id", row.PartnerId)
            .Bind("$external_id", row.ExternalId)
            .Bind("$delivery_id", row.DeliveryId)
            .Bind("$claim_key", row.ClaimKey)
            .Bind("$status", row.Status)
            .Bind("$received_at", row.ReceivedAt)
            .Bind("$updated_at", now)
            .Bind("$referral_json", row.ReferralJson)
            .ExecuteNonQuery();
        KeepAcceptedOriginal(commands, row.ReferralId, row.Original, now);
        InsertTimeline(commands, row.ReferralId, 1, row.FirstEntry);
        QueueWrites.Insert(commands, row.Emit, now);
        return new AcceptOutcome(row.ReferralId, row.Status, Duplicate: false);
    }

    /// <summary>Keeps the rejection and returns its id, or the id of the one already kept for the same partner and delivery.</summary>
    public static string RecordRejection(CachedCommands commands, RejectedIntake rejection, IntakeOriginal? original, string errorsJson, long now)
    {
        if (rejection.PartnerId is not null && rejection.DeliveryId is not null)
        {
            var existing = commands.Get(ReferralSql.FindRejectionByDelivery)
                .Bind("$partner_id", rejection.PartnerId)
                .Bind("$delivery_id", rejection.DeliveryId)
                .ExecuteScalar();
            if (existing is string existingId)
            {
                return existingId;
            }
        }

        InsertOriginal(commands, original, now);
        commands.Get(ReferralSql.InsertRejection)
            .Bind("$rejection_id", rejection.RejectionId)
            .Bind("$at", UnixTime.ToMilliseconds(rejection.At))
            .Bind("$channel", rejection.Channel)
            .Bind("$partner_id", rejection.PartnerId)
            .Bind("$delivery_id", rejection.DeliveryId)
            .Bind("$original_sha256", rejection.Original?.Sha256)
            .Bind("$original_size", rejection.Original?.Size)
            .Bind("$original_content_type", rejection.Original?.ContentType)
            .Bind("$original_store_ref", rejection.Original?.StoreRef)
            .Bind("$errors_json", errorsJson)
            .ExecuteNonQuery();
        return rejection.RejectionId;
    }

    public static bool MarkRejectionReplayed(CachedCommands commands, string rejectionId, string referralId, DateTimeOffset at) =>
        commands.Get(ReferralSql.MarkRejectionReplayed)
            .Bind("$rejection_id", rejectionId)
            .Bind("$referral_id", referralId)
            .Bind("$replayed_at", UnixTime.ToMilliseconds(at))
            .ExecuteNonQuery() > 0;

    /// <param name="caseJson">The case after the transition, serialized; null leaves the stored case alone.</param>
    public static TransitionOutcome Transition(CachedCommands commands, ReferralTransition transition, string? caseJson, PendingMessage[] emit, long now)
    {
        string current;
        long caseVersion;
        using (var reader = commands.Get(ReferralSql.GetStatusAndCaseVersion).Bind("$referral_id", transition.ReferralId).ExecuteReader())
        {
            if (!reader.Read())
            {
                return new TransitionOutcome(TransitionResult.NotFound, null);
            }

            current = reader.GetString(0);
            caseVersion = reader.GetInt64(1);
        }

        if (transition.Entry.MessageId is { } messageId
            && commands.Get(ReferralSql.TimelineHasMessage).Bind("$referral_id", transition.ReferralId).Bind("$message_id", messageId).ExecuteScalar() is not null)
        {
            return new TransitionOutcome(TransitionResult.AlreadyApplied, current);
        }

        if (!string.Equals(current, transition.From, StringComparison.Ordinal))
        {
            return new TransitionOutcome(TransitionResult.StateChanged, current);
        }

        if (caseJson is not null && transition.ExpectedCaseVersion is { } expected && caseVersion != expected)
        {
            return new TransitionOutcome(TransitionResult.CaseChanged, current);
        }

        commands.Get(ReferralSql.SetStatus)
            .Bind("$referral_id", transition.ReferralId)
            .Bind("$status", transition.To)
            .Bind("$updated_at", now)
            .Bind("$case_json", caseJson)
            .ExecuteNonQuery();
        InsertTimeline(commands, transition.ReferralId, NextSeq(commands, transition.ReferralId), transition.Entry);
        QueueWrites.Insert(commands, emit, now);
        return new TransitionOutcome(TransitionResult.Applied, transition.To);
    }

    public static bool AppendTimeline(CachedCommands commands, string referralId, TimelineEntry entry)
    {
        if (commands.Get(ReferralSql.GetStatus).Bind("$referral_id", referralId).ExecuteScalar() is null)
        {
            return false;
        }

        InsertTimeline(commands, referralId, NextSeq(commands, referralId), entry);
        return true;
    }

    private static long NextSeq(CachedCommands commands, string referralId) =>
        Convert.ToInt64(commands.Get(ReferralSql.NextTimelineSeq).Bind("$referral_id", referralId).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keeps the bytes an accepted referral was read from: with it when they are named by its id, else by their content.</summary>
    private static void KeepAcceptedOriginal(CachedCommands commands, string referralId, IntakeOriginal? original, long now)
    {
        if (original is null || !string.Equals(IntakeOriginal.ReferralIdOf(original.Reference), referralId, StringComparison.Ordinal))
        {
            InsertOriginal(commands, original, now);
            return;
        }

        commands.Get(ReferralSql.InsertReferralOriginal)
            .Bind("$referral_id", referralId)
            .Bind("$sha256", original.Reference.Sha256)
            .Bind("$content_type", original.Reference.ContentType)
            .Bind("$size", original.Reference.Size)
            .Bind("$content", WholeArray(original.Content))
            .ExecuteNonQuery();
    }

    private static void InsertOriginal(CachedCommands commands, IntakeOriginal? original, long now)
    {
        if (original is null)
        {
            return;
        }

        commands.Get(ReferralSql.InsertOriginal)
            .Bind("$sha256", original.Reference.Sha256)
            .Bind("$content_type", original.Reference.ContentType)
            .Bind("$size", original.Reference.Size)
            .Bind("$stored_at", now)
            .Bind("$content", WholeArray(original.Content))
            .ExecuteNonQuery();
    }

    /// <summary>The bytes as an array, without a copy on the writer thread when they already are one whole array (a request body).</summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : content.ToArray();

    private static void InsertTimeline(CachedCommands commands, string referralId, long seq, TimelineEntry entry) =>
        commands.Get(ReferralSql.InsertTimeline)
            .Bind("$referral_id", referralId)
            .Bind("$seq", seq)
            .Bind("$at", UnixTime.ToMilliseconds(entry.At))
            .Bind("$event", entry.Event)
            .Bind("$status", entry.Status)
            .Bind("$actor", entry.Actor)
            .Bind("$message_id", entry.MessageId)
            .Bind("$detail", entry.Detail)
            .ExecuteNonQuery();

    private static AcceptOutcome? FindDuplicate(CachedCommands commands, AcceptRow row)
    {
        if (row.DeliveryId is not null
            && Find(commands.Get(ReferralSql.FindByDelivery).Bind("$partner_id", row.PartnerId).Bind("$delivery_id", row.DeliveryId)) is { } byDelivery)
        {
            return byDelivery;
        }

        return row.ExternalId is not null
            ? Find(commands.Get(ReferralSql.FindByExternalId).Bind("$partner_id", row.PartnerId).Bind("$external_id", row.ExternalId))
            : null;
    }

    private static AcceptOutcome? Find(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? new AcceptOutcome(reader.GetString(0), reader.GetString(1), Duplicate: true) : null;
    }
}
