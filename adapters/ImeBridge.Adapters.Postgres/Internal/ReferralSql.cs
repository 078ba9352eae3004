namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>Statements of the referral store. Values are always parameters.</summary>
internal static class ReferralSql
{
    /// <summary>
    /// Inserts unless any unique key (referral id, partner + delivery id, partner + external id) is taken. When another
    /// transaction is inserting the same key, PostgreSQL waits for it and then does nothing: the winner is committed
    /// and readable afterwards, whichever process it came from.
    /// </summary>
    public const string Insert = """
        INSERT INTO referrals (referral_id, partner_id, external_id, delivery_id, claim_key, status, received_at, updated_at, referral_json)
        VALUES (@referral_id, @partner_id, @external_id, @delivery_id, @claim_key, @status, @received_at, @updated_at, @referral_json)
        ON CONFLICT DO NOTHING;
        """;

    public const string FindByDelivery =
        "SELECT referral_id, status FROM referrals WHERE partner_id = @partner_id AND delivery_id = @delivery_id;";

    public const string FindByExternalId =
        "SELECT referral_id, status FROM referrals WHERE partner_id = @partner_id AND external_id = @external_id;";

    public const string InsertTimeline = """
        INSERT INTO referral_timeline (referral_id, seq, at, event, status, actor, message_id, detail)
        VALUES (@referral_id, @seq, @at, @event, @status, @actor, @message_id, @detail);
        """;

    /// <summary>Appends after the last entry; the caller holds the referral's row lock, so the number is not raced.</summary>
    public const string AppendTimeline = """
        INSERT INTO referral_timeline (referral_id, seq, at, event, status, actor, message_id, detail)
        SELECT @referral_id, COALESCE(MAX(seq), 0) + 1, @at, @event, @status, @actor, @message_id, @detail
        FROM referral_timeline WHERE referral_id = @referral_id;
        """;

    public const string Get =
        "SELECT partner_id, status, referral_json::text, case_json, case_version FROM referrals WHERE referral_id = @referral_id;";

    public const string GetTimeline =
        "SELECT at, event, status, actor, message_id, detail FROM referral_timeline WHERE referral_id = @referral_id ORDER BY seq;";

    /// <summary>
    /// Locks the referral's row for the rest of the transaction (transitions of one referral, from any process, take
    /// turns) and reads what a transition is checked against.
    /// </summary>
    public const string LockForTransition = """
        SELECT r.status, r.case_version,
            (@message_id::text IS NOT NULL AND EXISTS (
                SELECT 1 FROM referral_timeline t WHERE t.referral_id = r.referral_id AND t.message_id = @message_id)) AS already_applied
        FROM referrals r WHERE r.referral_id = @referral_id
        FOR UPDATE;
        """;

    /// <summary>The status lives in its column and in the canonical JSON a partner reads; both move together.</summary>
    public const string SetStatus = """
        UPDATE referrals SET status = @status, updated_at = @updated_at,
            referral_json = jsonb_set(referral_json, '{status}', to_jsonb(@status::text)),
            case_json = COALESCE(@case_json, case_json),
            case_version = case_version + (CASE WHEN @case_json::text IS NULL THEN 0 ELSE 1 END)
        WHERE referral_id = @referral_id;
        """;

    public const string LockReferral = "SELECT 1 FROM referrals WHERE referral_id = @referral_id FOR UPDATE;";

    public const string FindRejectionByDelivery =
        "SELECT rejection_id FROM rejections WHERE partner_id = @partner_id AND delivery_id = @delivery_id;";

    /// <summary>Nothing is written when the same rejection id or the same partner + delivery is kept already.</summary>
    public const string InsertRejection = """
        INSERT INTO rejections (rejection_id, at, channel, partner_id, delivery_id,
            original_sha256, original_size, original_content_type, original_store_ref, errors_json)
        VALUES (@rejection_id, @at, @channel, @partner_id, @delivery_id,
            @original_sha256, @original_size, @original_content_type, @original_store_ref, @errors_json)
        ON CONFLICT DO NOTHING;
        """;

    private const string RejectionColumns = """
        SELECT rejection_id, at, channel, partner_id, delivery_id,
            original_sha256, original_size, original_content_type, original_store_ref, errors_json,
            replayed_referral_id, replayed_at
        FROM rejections
        """;

    public const string ListRejections = RejectionColumns + " ORDER BY at DESC, rejection_id DESC LIMIT @max;";

    public const string GetRejection = RejectionColumns + " WHERE rejection_id = @rejection_id;";

    public const string MarkRejectionReplayed =
        "UPDATE rejections SET replayed_referral_id = @referral_id, replayed_at = @replayed_at WHERE rejection_id = @rejection_id;";

    public const string InsertOriginal = """
        INSERT INTO intake_originals (sha256, content_type, size, stored_at, content)
        VALUES (@sha256, @content_type, @size, @stored_at, @content)
        ON CONFLICT (sha256) DO NOTHING;
        """;

    public const string GetOriginal = "SELECT content FROM intake_originals WHERE sha256 = @sha256;";

    private const string SummaryColumns = "SELECT referral_id, partner_id, status, received_at, updated_at FROM referrals";

    public const string ListSummaries = SummaryColumns + """
         WHERE (@partner_id::text IS NULL OR partner_id = @partner_id)
          AND (@updated_before::timestamptz IS NULL OR updated_at < @updated_before)
          AND (cardinality(@statuses::text[]) = 0 OR status = ANY(@statuses))
        ORDER BY received_at DESC, referral_id DESC LIMIT @max;
        """;

    public const string FindByClaimKey = SummaryColumns + " WHERE claim_key = @claim_key ORDER BY accept_seq LIMIT 1000;";
}
