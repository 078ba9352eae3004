namespace ImeBridge.Adapters.Postgres.Tests.Ports;

/// <summary>The ports' migrations (0020 and up): recorded, and creating the tables and indexes the stores rely on.</summary>
public sealed class PostgresPortMigrationTests
{
    [Fact]
    public async Task Opening_a_fresh_database_applies_the_port_migrations_with_their_indexes()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;

        Assert.True(database.SchemaVersion >= 28);
        foreach (var (version, name) in new[]
        {
            (20, "leases"), (21, "checkpoints"), (22, "experts"), (23, "expert_bookings"), (24, "outbound_ledger"),
            (25, "sms_consent"), (26, "partner_webhooks"), (27, "report_delivery"), (28, "report_service_by_operator"),
        })
        {
            Assert.Equal(1, await ports.CountAsync("schema_migrations", $"version = {version} AND name = '{name}'"));
        }

        foreach (var index in new[]
        {
            "experts_by_npi", "expert_specialties_by_code", "expert_licensed_states_by_state", "expert_bookings_by_slot",
            "outbound_messages_by_provider", "sms_consent_events_by_source", "report_service_by_link",
        })
        {
            Assert.Equal(1, await ports.CountAsync("pg_indexes", $"schemaname = 'public' AND indexname = '{index}'"));
        }

        Assert.Equal(1, await ports.CountAsync("information_schema.columns", "table_name = 'report_service' AND column_name = 'served_by'"));
    }
}
