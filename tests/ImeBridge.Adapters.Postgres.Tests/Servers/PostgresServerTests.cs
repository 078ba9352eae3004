using ImeBridge.Testing.Servers;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Tests.Servers;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_fresh_database_on_the_shared_server_is_empty_durable_and_on_loopback()
    {
        var connectionString = await PostgresServer.CreateSharedDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        await using var tables = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection);
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
        await using var fsync = new NpgsqlCommand("SHOW fsync", connection);
        Assert.Equal("on", await fsync.ExecuteScalarAsync());
        await using var listen = new NpgsqlCommand("SHOW listen_addresses", connection);
        Assert.Equal("127.0.0.1", await listen.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Two_databases_are_separate()
    {
        var first = await PostgresServer.CreateSharedDatabaseAsync();
        var second = await PostgresServer.CreateSharedDatabaseAsync();
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_private_server_stops_and_leaves_nothing_behind()
    {
        var server = await PostgresServer.StartAsync();
        var socketFolder = server.SocketFolder;
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
        }

        await server.DisposeAsync();

        Assert.False(Directory.Exists(socketFolder));
        await using var again = new NpgsqlConnection(server.AdminConnectionString);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => again.OpenAsync());
    }
}
