namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>The expert directory's statements (tables from migration 0004).</summary>
internal static class ExpertSql
{
    public const string NpiOwner = "SELECT expert_id FROM experts WHERE npi = $npi AND expert_id <> $expert_id;";

    public const string Upsert = """
        INSERT INTO experts (expert_id, npi, active, expert_json, updated_at) VALUES ($expert_id, $npi, $active, $expert_json, $updated_at)
        ON CONFLICT (expert_id) DO UPDATE SET
            npi = excluded.npi, active = excluded.active, expert_json = excluded.expert_json, updated_at = excluded.updated_at;
        """;

    public const string ClearStates = "DELETE FROM expert_licensed_states WHERE expert_id = $expert_id;";

    public const string ClearSpecialties = "DELETE FROM expert_specialties WHERE expert_id = $expert_id;";

    public const string AddState = "INSERT OR IGNORE INTO expert_licensed_states (expert_id, state) VALUES ($expert_id, $state);";

    public const string AddSpecialty = "INSERT OR IGNORE INTO expert_specialties (expert_id, taxonomy_code) VALUES ($expert_id, $code);";

    public const string Delete = "DELETE FROM experts WHERE expert_id = $expert_id;";

    public const string Get = "SELECT expert_id, updated_at, expert_json FROM experts WHERE expert_id = $expert_id;";

    public const string List = """
        SELECT e.expert_id, e.updated_at, e.expert_json FROM experts e
        WHERE ($active IS NULL OR e.active = $active)
          AND ($state IS NULL OR EXISTS (
                SELECT 1 FROM expert_licensed_states s WHERE s.expert_id = e.expert_id AND s.state = $state))
          AND ($code IS NULL OR EXISTS (
                SELECT 1 FROM expert_specialties t WHERE t.expert_id = e.expert_id AND t.taxonomy_code = $code))
        ORDER BY e.expert_id;
        """;
}
