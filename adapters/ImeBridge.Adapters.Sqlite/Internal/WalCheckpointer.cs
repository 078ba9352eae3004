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
/// <para>
/// The log only starts over from its beginning when a write transaction begins with every frame already copied, and
/// under a steady stream of commits that moment never comes: the log grew by about 50 MB a second under the intake
/// benchmark, to gigabytes, and every new block of it cost the kernel a zeroing. So once the log is longer than
/// <see cref="RestartFrames"/>, this copies without pausing until only a short tail is left, and then hands that tail
/// to the writer (<see cref="GroupCommitWriter.RequestCheckpoint"/>), which copies it between two batches, when no
/// commit can add to it; its next transaction starts the log over.
/// </para>
/// <para>
/// SQLite flushes the database file only after a checkpoint that reached the end of the log, which under load is
/// only the hand-over: until then the copied pages pile up in the page cache, hundreds of megabytes, and the
/// hand-over's flush held every commit for half a second. So each pass that copied pages flushes the file here.
/// </para>
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>
    /// Short, so each pass's flush of the database file is small: under the intake benchmark a 250 ms tick flushed
    /// about 16 MB at a time and the log's flushes queued behind it (p99 about 66 ms); at 50 ms, about 48 ms. At 25 ms
    /// the checkpointer took more CPU for no lower p99.
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>The one checkpoint statement, here and on the writer's connection (<see cref="GroupCommitWriter.RequestCheckpoint"/>).</summary>
    public const string PassiveCheckpoint = "PRAGMA wal_checkpoint(PASSIVE);";

    /// <summary>
    /// About 512 MB of 4 KiB pages: the log is started over once it is longer than this. The hand-over pauses commits
    /// for as long as the writer's copy and sync take, so it is rare: at 50 MB a second, every ten seconds.
    /// </summary>
    public const int DefaultRestartFrames = 128_000;

    /// <summary>How much of the log may be left for the writer to copy between batches: about 4 MB, a few milliseconds.</summary>
    private const int HandOverTailFrames = 1_000;

    private readonly SqliteConnection connection;
    private readonly GroupCommitWriter writer;
    private readonly Action flushDatabase;
    private readonly ILogger logger;
    private readonly PeriodicTimer timer;
    private readonly Thread thread;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool stopping;

    /// <param name="flushDatabase">Writes the database file's cached pages to disk.</param>
    public WalCheckpointer(
        string databasePath,
        GroupCommitWriter writer,
        Action flushDatabase,
        TimeProvider time,
        ILogger logger,
        int restartFrames = DefaultRestartFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restartFrames, 1);
        connection = SqliteConnections.OpenCheckpointer(databasePath);
        this.writer = writer;
        this.flushDatabase = flushDatabase;
        this.logger = logger;
        RestartFrames = restartFrames;
        timer = new PeriodicTimer(Interval, time);
        thread = new Thread(Run) { IsBackground = true, Name = "ImeBridge WAL checkpoint" };
        thread.Start();
    }

    public int RestartFrames { get; }

    public async ValueTask DisposeAsync()
    {
        stopping = true;
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
        var copiedBefore = 0;
        while (timer.WaitForNextTickAsync().AsTask().GetAwaiter().GetResult())
        {
            // A long log is copied pass after pass (each pass copies real pages, so this never spins) until the
            // tail is short enough to hand to the writer.
            while (!stopping && Checkpoint() is { } log)
            {
                if (log.Copied != copiedBefore && log.Copied > 0)
                {
                    FlushDatabase();
                }

                copiedBefore = log.Copied;
                if (log.Frames <= RestartFrames)
                {
                    break;
                }

                if (log.Frames - log.Copied <= HandOverTailFrames)
                {
                    writer.RequestCheckpoint();
                    break;
                }
            }
        }
    }

    private void FlushDatabase()
    {
        try
        {
            flushDatabase();
        }
        catch (IOException ex)
        {
            // SQLite still flushes the file itself before the log starts over; this one only spreads the work out.
            logger.LogWarning("Flushing the SQLite database file after a checkpoint failed with {ExceptionType}", ex.GetType().Name);
        }
    }

    private (int Frames, int Copied)? Checkpoint()
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = PassiveCheckpoint;
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt32(1), reader.GetInt32(2)) : null;
        }
        catch (SqliteException ex)
        {
            // A busy database is normal under load; the next tick tries again.
            logger.LogDebug("WAL checkpoint skipped: SQLite error {SqliteErrorCode}", ex.SqliteErrorCode);
            return null;
        }
    }
}
