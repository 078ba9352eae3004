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
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

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
    private readonly ILogger logger;
    private readonly PeriodicTimer timer;
    private readonly Thread thread;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool stopping;

    public WalCheckpointer(string databasePath, GroupCommitWriter writer, TimeProvider time, ILogger logger, int restartFrames = DefaultRestartFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restartFrames, 1);
        connection = SqliteConnections.OpenCheckpointer(databasePath);
        this.writer = writer;
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
            // A long log is copied pass after pass (each pass copies real pages, so this never spins) until the
            // tail is short enough to hand to the writer.
            while (!stopping && Checkpoint() is { } log && log.Frames > RestartFrames)
            {
                if (log.Frames - log.Copied <= HandOverTailFrames)
                {
                    writer.RequestCheckpoint();
                    break;
                }
            }
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
