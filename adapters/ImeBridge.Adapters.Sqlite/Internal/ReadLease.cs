using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>A read connection borrowed from the pool; dispose to give it back.</summary>
internal sealed class ReadLease : IDisposable
{
    private readonly ReadConnectionPool pool;
    private readonly SqliteConnection connection;

    public ReadLease(ReadConnectionPool pool, SqliteConnection connection)
    {
        this.pool = pool;
        this.connection = connection;
        Commands = new CachedCommands(connection);
    }

    public CachedCommands Commands { get; }

    /// <summary>Runs several statements on one snapshot.</summary>
    public T InSnapshot<T>(Func<CachedCommands, T> read)
    {
        Commands.Execute("BEGIN;");
        try
        {
            return read(Commands);
        }
        finally
        {
            Commands.Execute("COMMIT;");
        }
    }

    public void Dispose() => pool.Return(this);

    internal void Close()
    {
        Commands.Dispose();
        connection.Dispose();
    }
}
