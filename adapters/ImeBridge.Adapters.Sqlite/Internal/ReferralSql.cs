namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>Statements of the referral store. Values are always parameters.</summary>
internal static class ReferralSql
{
    public const string FindByDelivery =
        "SELECT referral_id, status FROM referrals WHERE partner_id = $partner_id AND delivery_id = $delivery_id;";

    public const string FindByExternalId =
        "SELECT referral_id, status FROM referrals WHERE partner_id = $partner_id AND external_id = $external_id;";

    public const string Insert = """
        INSERT INTO referrals (referral_id, partner_id, external_id, delivery_id, claim_key, status, received_at, updated_at, referral_json)
        VALUES ($referral_id, $partner_id, $external_id, $delivery_id, $claim_key, $status, $received_at, $updated_at, $referral_json);
        """;

    public const string InsertTimeline = """
        INSERT INTO referral_timeline (referral_id, seq, at, event, status, actor, message_id, detail)
        VALUES ($referral_id, $seq, $at, $event, $status, $actor, $message_id, $detail);
        """;

    public const string Get =
        "SELECT partner_id, status, referral_json, case_json, case_version FROM referrals WHERE referral_id = $referral_id;";

    public const string GetTimeline =
        "SELECT at, event, status, actor, message_id, detail FROM referral_timeline WHERE referral_id = $referral_id ORDER BY seq;";

    /// <summary>The rejection already kept for the same partner and delivery, if any.</summary>
    public const string FindRejectionByDelivery =
        "SELECT rejection_id FROM rejections WHERE partner_id = $partner_id AND delivery_id = $delivery_id ORDER BY at LIMIT 1;";

    public const string InsertRejection = """
        INSERT INTO rejections (rejection_id, at, channel, partner_id, delivery_id,
            original_sha256, original_size, original_content_type, original_store_ref, errors_json)
        VALUES ($rejection_id, $at, $channel, $partner_id, $delivery_id,
            $original_sha256, $original_size, $original_content_type, $original_store_ref, $errors_json)
        ON CONFLICT (rejection_id) DO NOTHING;
        """;

    private const string RejectionColumns = """
        SELECT rejection_id, at, channel, partner_id, delivery_id,
            original_sha256, original_size, original_content_type, original_store_ref, errors_json,
            replayed_referral_id, replayed_at
        FROM rejections
        """;

    public const string ListRejections = RejectionColumns + " ORDER BY at DESC, rejection_id DESC LIMIT $max;";

    public const string GetRejection = RejectionColumns + " WHERE rejection_id = $rejection_id;";

    public const string MarkRejectionReplayed =
        "UPDATE rejections SET replayed_referral_id = $referral_id, replayed_at = $replayed_at WHERE rejection_id = $rejection_id;";

    public const string InsertOriginal = """
        INSERT INTO intake_originals (sha256, content_type, size, stored_at, content)
        VALUES ($sha256, $content_type, $size, $stored_at, $content)
        ON CONFLICT (sha256) DO NOTHING;
        """;

    public const string GetOriginal =
        "SELECT content FROM intake_originals WHERE sha256 = $sha256;";

    public const string InsertReferralOriginal = """
        INSERT INTO referral_originals (referral_id, sha256, content_type, size, content)
        VALUES ($referral_id, $sha256, $content_type, $size, $content);
        """;

    public const string GetReferralOriginal =
        "SELECT content FROM referral_originals WHERE referral_id = $referral_id AND sha256 = $sha256;";

    public const string GetStatus = "SELECT status FROM referrals WHERE referral_id = $referral_id;";

    public const string GetStatusAndCaseVersion = "SELECT status, case_version FROM referrals WHERE referral_id = $referral_id;";

    public const string TimelineHasMessage =
        "SELECT 1 FROM referral_timeline WHERE referral_id = $referral_id AND message_id = $message_id LIMIT 1;";

    public const string NextTimelineSeq =
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM referral_timeline WHERE referral_id = $referral_id;";

    // The status lives in its column and in the canonical JSON a partner reads; both move together.
    public const string SetStatus = """
        UPDATE referrals SET status = $status, updated_at = $updated_at, referral_json = json_set(referral_json, '$.status', $status),
            case_json = COALESCE($case_json, case_json),
            case_version = case_version + (CASE WHEN $case_json IS NULL THEN 0 ELSE 1 END)
        WHERE referral_id = $referral_id;
        """;

    // rowid grows with every insert: the order referrals were accepted.
    public const string FindByClaimKey =
        "SELECT referral_id, partner_id, status, received_at, updated_at FROM referrals WHERE claim_key = $claim_key ORDER BY rowid LIMIT 1000;";

    public static string ListSummaries(IReadOnlyList<string> statusParameters) =>
        "SELECT referral_id, partner_id, status, received_at, updated_at FROM referrals WHERE ($partner_id IS NULL OR partner_id = $partner_id)"
        + " AND ($updated_before IS NULL OR updated_at < $updated_before)"
        + (statusParameters.Count == 0 ? string.Empty : $" AND status IN ({string.Join(", ", statusParameters)})")
        + " ORDER BY received_at DESC, referral_id DESC LIMIT $max;";
}
