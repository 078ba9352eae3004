using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteCheckpointMigrationTests
{
    [Fact]
    public async Task Opening_a_version_2_database_adds_the_checkpoints_table_and_keeps_its_data()
    {
        await using var fixture = new SqliteFixture();
        CreateVersion2Database(fixture.DatabasePath);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

        var database = fixture.Open();

        Assert.Equal(SchemaMigrator.All[^1].Version, database.SchemaVersion);
        Assert.Equal(1, SqlitePeek.Count(database, "schema_migrations", "version = 3 AND name = 'checkpoints'"));
        Assert.Equal(2, SqlitePeek.Count(database, "schema_migrations", "version <= 2 AND applied_at = 42"));
        Assert.Equal(1, SqlitePeek.Count(database, "referrals", "referral_id = 'r1' AND referral_json = '{}'"));
        Assert.Equal(0, SqlitePeek.Count(database, "checkpoints"));
        var leases = new SqliteLeaseStore(database, time);
        Assert.False(await leases.TryAcquireAsync("sftp:acme", "someone-else", TimeSpan.FromMinutes(1), CancellationToken.None));

        var checkpoints = new SqliteCheckpointStore(database, time);
        await checkpoints.SetAsync("fhir-poll:acme", "2026-11-27T10:00:00.123Z", CancellationToken.None);
        Assert.Equal("2026-11-27T10:00:00.123Z", await checkpoints.GetAsync("fhir-poll:acme", CancellationToken.None));
    }

    /// <summary>The file an older build (migrations 0001 and 0002 only) left behind, with a referral and a held lease in it.</summary>
    private static void CreateVersion2Database(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);");
        foreach (var migration in SchemaMigrator.All.Where(m => m.Version <= 2))
        {
            Execute(connection, migration.Sql);
            Execute(connection, $"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({migration.Version}, '{migration.Name}', 42);");
        }

        Execute(connection, """
            INSERT INTO referrals (referral_id, partner_id, status, received_at, updated_at, referral_json)
            VALUES ('r1', 'acme', 'Received', 1, 1, '{}');
            """);
        Execute(connection, "INSERT INTO leases (name, owner, expires_at) VALUES ('sftp:acme', 'instance-a', 9223372036854775807);");
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // test-only SQL: embedded migrations and constants
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }
}
