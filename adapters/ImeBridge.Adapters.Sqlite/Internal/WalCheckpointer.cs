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
/// <see cref="RestartFrames"/>, this hands its short tail to the writer (<see cref="GroupCommitWriter.RequestCheckpoint"/>),
/// which copies it between two batches, when no commit can add to it; its next transaction starts the log over.
/// </para>
/// <para>
/// SQLite flushes the database file only after a checkpoint that reached the end of the log, which under load is
/// only the hand-over: until then the copied pages pile up in the page cache, hundreds of megabytes, and the
/// hand-over's flush held every commit for half a second. So each pass that copied pages writes them back here, a
/// range of the file at a time (<see cref="FileWriteBack"/>): one flush of the whole file queued thousands of
/// scattered writes on the device, and the log's flushes waited behind them. Before a hand-over, one more pass copies
/// what arrived during that write-back and flushes it at once (it is a few milliseconds' worth), so the writer's
/// hand-over copies and syncs only what arrives during that flush.
/// </para>
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>
    /// Short, so each pass's write-back of the database file is small: under the intake benchmark a 250 ms tick wrote
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

    /// <summary>How much of the log may be left uncopied when the last pass before a hand-over ends (a reader can hold some back).</summary>
    private const int HandOverTailFrames = 1_000;

    private readonly SqliteConnection connection;
    private readonly GroupCommitWriter writer;
    private readonly Action writeBackDatabase;
    private readonly Action flushDatabase;
    private readonly ILogger logger;
    private readonly PeriodicTimer timer;
    private readonly Thread thread;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool stopping;
    private int copiedBefore;

    /// <param name="writeBackDatabase">Writes the database file's cached pages to disk, a range at a time.</param>
    /// <param name="flushDatabase">Writes the database file's cached pages to disk at once.</param>
    public WalCheckpointer(
        string databasePath,
        GroupCommitWriter writer,
        Action writeBackDatabase,
        Action flushDatabase,
        TimeProvider time,
        ILogger logger,
        int restartFrames = DefaultRestartFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restartFrames, 1);
        connection = SqliteConnections.OpenCheckpointer(databasePath);
        this.writer = writer;
        this.writeBackDatabase = writeBackDatabase;
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
        while (timer.WaitForNextTickAsync().AsTask().GetAwaiter().GetResult())
        {
            if (stopping || Checkpoint() is not { } log)
            {
                continue;
            }

            if (NewlyCopied(log) > 0)
            {
                WriteToDisk(writeBackDatabase);
            }

            if (log.Frames <= RestartFrames || Checkpoint() is not { } last || last.Frames - last.Copied > HandOverTailFrames)
            {
                continue;
            }

            if (NewlyCopied(last) > 0)
            {
                WriteToDisk(flushDatabase);
            }

            writer.RequestCheckpoint();
        }
    }

    /// <summary>How many frames the pass that reported <paramref name="log"/> copied; the count starts from zero when the log starts over.</summary>
    private int NewlyCopied((int Frames, int Copied) log)
    {
        var copied = log.Copied >= copiedBefore ? log.Copied - copiedBefore : log.Copied;
        copiedBefore = log.Copied;
        return copied;
    }

    private void WriteToDisk(Action write)
    {
        try
        {
            write();
        }
        catch (IOException ex)
        {
            // SQLite still flushes the file itself before the log starts over; this one only spreads the work out.
            logger.LogWarning("Writing the SQLite database file to disk after a checkpoint failed with {ExceptionType}", ex.GetType().Name);
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
