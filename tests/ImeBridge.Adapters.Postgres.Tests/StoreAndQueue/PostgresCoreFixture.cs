using ImeBridge.Testing.Servers;

namespace ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;

/// <summary>A fresh empty database on the shared test cluster; every <see cref="PostgresDatabase"/> opened on it is disposed at the end.</summary>
public sealed class PostgresCoreFixture : IAsyncDisposable
{
    private readonly List<PostgresDatabase> opened = [];
    private string? connectionString;

    public PostgresDatabase Current => opened[^1];

    public async Task<string> ConnectionStringAsync() => connectionString ??= await PostgresServer.CreateSharedDatabaseAsync();

    /// <summary>Opens another instance over the same database, as another process would.</summary>
    public async Task<PostgresDatabase> OpenAsync()
    {
        var database = await PostgresDatabase.OpenAsync(await ConnectionStringAsync());
        opened.Add(database);
        return database;
    }

    /// <summary>Closes the current instance and opens a new one over the same database, as after a restart.</summary>
    public async Task<PostgresDatabase> ReopenAsync()
    {
        if (opened.Count > 0)
        {
            await Current.DisposeAsync();
        }

        return await OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }
    }
}
