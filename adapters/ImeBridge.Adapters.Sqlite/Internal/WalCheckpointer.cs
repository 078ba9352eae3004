using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>
/// Copies the write-ahead log back into the database file from its own connection, so the group-commit
/// writer never pays for a checkpoint inside a commit (SQLite's automatic checkpoint runs in the commit
/// that crosses the threshold and stalls every request waiting on it). PASSIVE never blocks the writer
/// or the readers; it copies what it can and is tried again on the next tick. It runs on a thread of its own: a
/// checkpoint under load copies megabytes synchronously, and on a thread-pool thread of a 2-core machine that is
/// half of the threads serving requests, gone for tens of milliseconds.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly SqliteConnection connection;
    private readonly ILogger logger;
    private readonly PeriodicTimer timer;
    private readonly Thread thread;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WalCheckpointer(string databasePath, TimeProvider time, ILogger logger)
    {
        connection = SqliteConnections.OpenCheckpointer(databasePath);
        this.logger = logger;
        timer = new PeriodicTimer(Interval, time);
        thread = new Thread(Run) { IsBackground = true, Name = "ImeBridge WAL checkpoint" };
        thread.Start();
    }

    public async ValueTask DisposeAsync()
    {
        timer.Dispose();
        await stopped.Task.ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Run()
    {
        try
        {
            CheckpointOnEveryTick();
        }
        finally
        {
            stopped.TrySetResult();
        }
    }

    private void CheckpointOnEveryTick()
    {
        while (timer.WaitForNextTickAsync().AsTask().GetAwaiter().GetResult())
        {
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex)
            {
                // A busy database is normal under load; the next tick tries again.
                logger.LogDebug("WAL checkpoint skipped: SQLite error {SqliteErrorCode}", ex.SqliteErrorCode);
            }
        }
    }
}
