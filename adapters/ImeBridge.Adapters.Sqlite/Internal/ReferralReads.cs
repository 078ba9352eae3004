using ImeBridge.Core.Json;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Case;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>The referral store's reads, on a pooled read connection.</summary>
internal static class ReferralReads
{
    public static StoredReferral? Get(CachedCommands commands, string referralId)
    {
        string partnerId, status, json;
        string? caseJson;
        long caseVersion;
        using (var reader = commands.Get(ReferralSql.Get).Bind("$referral_id", referralId).ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            partnerId = reader.GetString(0);
            status = reader.GetString(1);
            json = reader.GetString(2);
            caseJson = reader.GetNullableString(3);
            caseVersion = reader.GetInt64(4);
        }

        var timeline = new List<TimelineEntry>();
        using (var reader = commands.Get(ReferralSql.GetTimeline).Bind("$referral_id", referralId).ExecuteReader())
        {
            while (reader.Read())
            {
                timeline.Add(new TimelineEntry(
                    UnixTime.FromMilliseconds(reader.GetInt64(0)),
                    reader.GetString(1),
                    reader.GetNullableString(2),
                    reader.GetNullableString(3),
                    reader.GetNullableString(4),
                    reader.GetNullableString(5)));
            }
        }

        return new StoredReferral(referralId, partnerId, status, StoredReferralJson.DeserializeReferral(json), timeline) { Case = CaseJson.Deserialize(caseJson), CaseVersion = caseVersion };
    }

    public static List<ReferralSummary> List(CachedCommands commands, ReferralQuery query)
    {
        // Statuses are few and closed; each gets its own parameter, so the statement text varies with their count only.
        var statusParameters = query.Statuses.Select((_, i) => "$status" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var sql = ReferralSql.ListSummaries(statusParameters);
        var command = commands.Get(sql)
            .Bind("$partner_id", query.PartnerId)
            .Bind("$updated_before", query.UpdatedBefore is { } before ? UnixTime.ToMilliseconds(before) : null)
            .Bind("$max", Math.Clamp(query.Max, 1, 1000));
        for (var i = 0; i < statusParameters.Count; i++)
        {
            command.Bind(statusParameters[i], query.Statuses[i]);
        }

        var summaries = new List<ReferralSummary>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            summaries.Add(ReadSummary(reader));
        }

        return summaries;
    }

    private static ReferralSummary ReadSummary(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            UnixTime.FromMilliseconds(reader.GetInt64(3)),
            UnixTime.FromMilliseconds(reader.GetInt64(4)));

    public static List<ReferralSummary> FindByClaimKey(CachedCommands commands, string claimKey)
    {
        var summaries = new List<ReferralSummary>();
        using var reader = commands.Get(ReferralSql.FindByClaimKey).Bind("$claim_key", claimKey).ExecuteReader();
        while (reader.Read())
        {
            summaries.Add(ReadSummary(reader));
        }

        return summaries;
    }

    public static List<RejectedIntake> ListRejections(CachedCommands commands, int max)
    {
        var rejections = new List<RejectedIntake>();
        using var reader = commands.Get(ReferralSql.ListRejections).Bind("$max", max).ExecuteReader();
        while (reader.Read())
        {
            rejections.Add(ReadRejection(reader));
        }

        return rejections;
    }

    public static RejectedIntake? GetRejection(CachedCommands commands, string rejectionId)
    {
        using var reader = commands.Get(ReferralSql.GetRejection).Bind("$rejection_id", rejectionId).ExecuteReader();
        return reader.Read() ? ReadRejection(reader) : null;
    }

    private static RejectedIntake ReadRejection(SqliteDataReader reader)
    {
        var sha256 = reader.GetNullableString(5);
        var original = sha256 is null
            ? null
            : new DocumentRef(sha256, reader.GetNullableInt64(6) ?? 0, reader.GetNullableString(7) ?? "", reader.GetNullableString(8) ?? "");
        var replayedReferralId = reader.GetNullableString(10);
        var replayed = replayedReferralId is null
            ? null
            : new RejectionReplay(replayedReferralId, UnixTime.FromMilliseconds(reader.GetNullableInt64(11) ?? 0));
        return new RejectedIntake(
            reader.GetString(0),
            UnixTime.FromMilliseconds(reader.GetInt64(1)),
            reader.GetString(2),
            reader.GetNullableString(3),
            reader.GetNullableString(4),
            original,
            StoredReferralJson.DeserializeErrors(reader.GetString(9)),
            replayed);
    }
}
