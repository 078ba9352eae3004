namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>The expert directory's statements (tables from migration 0022).</summary>
internal static class ExpertSql
{
    public const string NpiOwner = "SELECT expert_id FROM experts WHERE npi = @npi AND expert_id <> @expert_id;";

    public const string Upsert = """
        INSERT INTO experts (expert_id, npi, active, expert_json, updated_at) VALUES (@expert_id, @npi, @active, @expert_json, @updated_at)
        ON CONFLICT (expert_id) DO UPDATE SET
            npi = excluded.npi, active = excluded.active, expert_json = excluded.expert_json, updated_at = excluded.updated_at,
            revision = nextval('experts_revision');
        """;

    public const string ClearStates = "DELETE FROM expert_licensed_states WHERE expert_id = @expert_id;";

    public const string ClearSpecialties = "DELETE FROM expert_specialties WHERE expert_id = @expert_id;";

    public const string AddStates = """
        INSERT INTO expert_licensed_states (expert_id, state) SELECT @expert_id, s FROM unnest(@states) AS s ON CONFLICT DO NOTHING;
        """;

    public const string AddSpecialties = """
        INSERT INTO expert_specialties (expert_id, taxonomy_code) SELECT @expert_id, c FROM unnest(@codes) AS c ON CONFLICT DO NOTHING;
        """;

    public const string Delete = "DELETE FROM experts WHERE expert_id = @expert_id;";

    public const string Get = "SELECT expert_id, revision, expert_json::text FROM experts WHERE expert_id = @expert_id;";

    // COLLATE "C": ordered by code point, as the embedded store and the port's "ordered by id" mean it.
    public const string List = """
        SELECT e.expert_id, e.revision, e.expert_json::text FROM experts e
        WHERE (@active IS NULL OR e.active = @active)
          AND (@state IS NULL OR EXISTS (
                SELECT 1 FROM expert_licensed_states s WHERE s.expert_id = e.expert_id AND s.state = @state))
          AND (@code IS NULL OR EXISTS (
                SELECT 1 FROM expert_specialties t WHERE t.expert_id = e.expert_id AND t.taxonomy_code = @code))
        ORDER BY e.expert_id COLLATE "C";
        """;
}
