using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Tests.Support;

namespace ImeBridge.Adapters.Tests.Sqlite;

/// <summary>A database file in a temp folder; every instance opened on it is disposed at the end.</summary>
public sealed class SqliteFixture : IAsyncDisposable
{
    private readonly TempFolder folder = new();
    private readonly List<SqliteDatabase> opened = [];

    public string DatabasePath => folder.File("imebridge.db");

    public SqliteDatabase Current => opened[^1];

    public SqliteDatabase Open()
    {
        var database = new SqliteDatabase(DatabasePath);
        opened.Add(database);
        return database;
    }

    /// <summary>Closes the current instance (flushing its writes) and opens a new one on the same file.</summary>
    public async Task<SqliteDatabase> ReopenAsync()
    {
        if (opened.Count > 0)
        {
            await Current.DisposeAsync();
        }

        return Open();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }

        folder.Dispose();
    }
}
