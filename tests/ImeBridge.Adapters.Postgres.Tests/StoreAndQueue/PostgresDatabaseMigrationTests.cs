using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Testing.Servers;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;

public sealed class PostgresDatabaseMigrationTests
{
    [Fact]
    public async Task Opening_twice_migrates_once_and_reports_the_latest_version()
    {
        var connectionString = await PostgresServer.CreateSharedDatabaseAsync();
        await using (var first = await PostgresDatabase.OpenAsync(connectionString))
        {
            Assert.Equal(SchemaMigrator.All[^1].Version, first.SchemaVersion);
        }

        await using var second = await PostgresDatabase.OpenAsync(connectionString);

        Assert.Equal(SchemaMigrator.All[^1].Version, second.SchemaVersion);
        Assert.Equal(SchemaMigrator.All.Select(m => m.Version), await AppliedVersionsAsync(connectionString));
    }

    [Fact]
    public async Task Processes_starting_together_migrate_once()
    {
        var connectionString = await PostgresServer.CreateSharedDatabaseAsync();

        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresDatabase.OpenAsync(connectionString))));

        Assert.All(opened, database => Assert.Equal(SchemaMigrator.All[^1].Version, database.SchemaVersion));
        Assert.Equal(SchemaMigrator.All.Select(m => m.Version), await AppliedVersionsAsync(connectionString));
        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_schema_newer_than_this_build_is_refused()
    {
        var connectionString = await PostgresServer.CreateSharedDatabaseAsync();
        await (await PostgresDatabase.OpenAsync(connectionString)).DisposeAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("INSERT INTO schema_migrations VALUES (9999, 'future', now());", connection);
            await command.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresDatabase.OpenAsync(connectionString));
        Assert.Contains("9999", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_start_at_one_and_each_version_is_used_once()
    {
        var versions = SchemaMigrator.All.Select(m => m.Version).ToList();
        Assert.Equal(1, versions[0]);
        Assert.Equal(versions.Distinct().Order(), versions);
    }

    private static async Task<List<int>> AppliedVersionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
