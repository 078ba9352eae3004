namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>The expert bookings' statements (table from migration 0023).</summary>
internal static class ExpertBookingSql
{
    /// <summary>Serialises bookings of one expert across processes for the rest of the transaction.</summary>
    public const string LockExpert = "SELECT pg_advisory_xact_lock(hashtextextended('expert_bookings:' || @expert_id, 0));";

    public const string SlotHolder = "SELECT referral_id FROM expert_bookings WHERE expert_id = @expert_id AND slot_start = @slot_start;";

    public const string OthersOnDay = """
        SELECT COUNT(*) FROM expert_bookings
        WHERE expert_id = @expert_id AND local_date = @local_date AND referral_id <> @referral_id;
        """;

    public const string Upsert = """
        INSERT INTO expert_bookings (referral_id, expert_id, slot_start, local_date, office_id, booked_at)
        VALUES (@referral_id, @expert_id, @slot_start, @local_date, @office_id, @booked_at)
        ON CONFLICT (referral_id) DO UPDATE SET
            expert_id = excluded.expert_id, slot_start = excluded.slot_start, local_date = excluded.local_date,
            office_id = excluded.office_id, booked_at = excluded.booked_at;
        """;

    public const string Release = "DELETE FROM expert_bookings WHERE referral_id = @referral_id;";

    public const string List = """
        SELECT expert_id, slot_start, local_date, office_id, referral_id, booked_at FROM expert_bookings
        WHERE expert_id = @expert_id ORDER BY slot_start, referral_id COLLATE "C";
        """;
}
