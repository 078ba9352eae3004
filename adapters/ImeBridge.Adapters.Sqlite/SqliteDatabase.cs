using ImeBridge.Adapters.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// One SQLite database file holding referral state and the durable queue (WAL, busy timeout, foreign keys).
/// Opening it applies pending schema migrations. All writes go through one group-committing writer, so concurrent
/// writes share a transaction and its fsync, and a write completes only once it is on disk; reads use pooled
/// read-only connections that run alongside it. Dispose to finish queued writes and close the file.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    private readonly SqliteConnection writerConnection;
    private readonly GroupCommitWriter writer;
    private readonly ReadConnectionPool readers;
    private readonly WalCheckpointer checkpointer;
    private readonly DatabaseFiles files;
    private int disposed;

    /// <param name="databasePath">The database file; it and its folder are created when missing.</param>
    /// <param name="logger">Receives migration and failure notes: ids, counts, durations only.</param>
    /// <param name="time">Stamps applied migrations; the system clock when null.</param>
    public SqliteDatabase(string databasePath, ILogger<SqliteDatabase>? logger = null, TimeProvider? time = null)
        : this(databasePath, logger, time, WalCheckpointer.DefaultRestartFrames)
    {
    }

    /// <param name="walRestartFrames">How long (in pages) the write-ahead log may grow before it is started over.</param>
    internal SqliteDatabase(string databasePath, ILogger<SqliteDatabase>? logger, TimeProvider? time, int walRestartFrames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        var folder = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        ILogger log = logger ?? NullLogger<SqliteDatabase>.Instance;
        writerConnection = SqliteConnections.OpenWriter(DatabasePath);
        DatabaseFiles? acquired = null;
        try
        {
            SchemaVersion = SchemaMigrator.Apply(writerConnection, time ?? TimeProvider.System, log);
            acquired = DatabaseFiles.Acquire(DatabasePath);
            SqliteConnections.LeaveLogFlushToWriter(writerConnection);
        }
        catch
        {
            writerConnection.Dispose();
            acquired?.Dispose();
            throw;
        }

        files = acquired;
        writer = new GroupCommitWriter(writerConnection, files.FlushLog, log);
        readers = new ReadConnectionPool(DatabasePath, maxIdle: Math.Max(4, Environment.ProcessorCount * 2));
        checkpointer = new WalCheckpointer(DatabasePath, writer, files.WriteBackDatabase, files.FlushDatabase, time ?? TimeProvider.System, log, walRestartFrames);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version after start-up migration.</summary>
    public int SchemaVersion { get; }

    /// <summary>Queues a write for the group-commit writer; completes once it is committed durably.</summary>
    internal Task<TResult> WriteAsync<TState, TResult>(TState state, Func<CachedCommands, TState, TResult> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return writer.WriteAsync(state, work, cancellationToken);
    }

    /// <summary>Borrows a read-only connection; dispose the lease to return it.</summary>
    internal ReadLease Read()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return readers.Rent();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await writer.DisposeAsync().ConfigureAwait(false);
        await checkpointer.DisposeAsync().ConfigureAwait(false);
        readers.Dispose();
        // Closing the last connection checkpoints what is left and removes the log.
        writerConnection.Dispose();
        // Last: closing these drops the process's locks on the file (see DatabaseFiles).
        files.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
