using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Adapters.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImeBridge.Adapters.Tests.Sqlite;

/// <summary>
/// The writer commits without flushing the log and acknowledges each write after the flush that follows its
/// commit, running the next batch meanwhile; the checkpointer writes the database file back after each copy and
/// flushes it before the log starts over.
/// </summary>
public sealed class SqliteLogSyncTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly SqliteFixture fixture = new();
    private readonly List<SqliteConnection> connections = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        await fixture.DisposeAsync();
    }

    [Fact]
    public async Task A_write_is_acknowledged_only_once_the_log_is_on_disk_and_the_next_batch_runs_meanwhile()
    {
        using var flushStarted = new SemaphoreSlim(0);
        using var releaseFlush = new ManualResetEventSlim(false);
        await using var writer = OpenWriter(() =>
        {
            flushStarted.Release();
            releaseFlush.Wait();
        });

        var first = writer.WriteAsync(1, Insert, CancellationToken.None);
        Assert.True(await flushStarted.WaitAsync(Patience), "the first commit was never flushed");

        // The flush is held: the first write is committed but not on disk, so its caller has not heard yet ...
        await Task.Delay(100);
        Assert.False(first.IsCompleted, "a write was acknowledged before the log was flushed");

        // ... and the writer is not waiting for the disk: the next write runs and commits meanwhile.
        var second = writer.WriteAsync(2, Insert, CancellationToken.None);
        Assert.True(SpinWait.SpinUntil(() => CountRows() == 2, Patience), "the next batch waited for the flush");
        Assert.False(second.IsCompleted);

        releaseFlush.Set();
        Assert.Equal(1, await first.WaitAsync(Patience));
        Assert.Equal(2, await second.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_failed_flush_fails_the_writes_it_covered_and_later_writes_succeed()
    {
        var failNext = 1;
        await using var writer = OpenWriter(() =>
        {
            if (Interlocked.Exchange(ref failNext, 0) == 1)
            {
                throw new IOException("disk gone");
            }
        });

        await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(1, Insert, CancellationToken.None).WaitAsync(Patience));
        Assert.Equal(2, await writer.WriteAsync(2, Insert, CancellationToken.None).WaitAsync(Patience));
    }

    [Fact]
    public async Task Disposing_the_writer_flushes_and_acknowledges_every_queued_write()
    {
        var flushes = 0;
        var writer = OpenWriter(() => Interlocked.Increment(ref flushes));
        var writes = Enumerable.Range(1, 200).Select(i => writer.WriteAsync(i, Insert, CancellationToken.None)).ToList();

        await writer.DisposeAsync();

        Assert.All(writes, write => Assert.True(write.IsCompletedSuccessfully));
        Assert.InRange(flushes, 1, 200);
        Assert.Equal(200, CountRows());
    }

    [Fact]
    public async Task The_checkpointer_writes_the_database_file_back_after_copying_pages_into_it()
    {
        var writeBacks = 0;
        var flushes = 0;
        await using var writer = OpenWriter(() => { });
        await using var checkpointer = new WalCheckpointer(
            fixture.DatabasePath,
            writer,
            () => Interlocked.Increment(ref writeBacks),
            () => Interlocked.Increment(ref flushes),
            TimeProvider.System,
            NullLogger.Instance);

        for (var i = 1; i <= 50; i++)
        {
            await writer.WriteAsync(i, Insert, CancellationToken.None);
        }

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref writeBacks) > 0, Patience), "no write-back after a checkpoint");
        Assert.Equal(0, Volatile.Read(ref flushes)); // the log is far shorter than the restart limit: no hand-over
    }

    [Fact]
    public async Task Before_handing_a_long_log_to_the_writer_the_checkpointer_flushes_the_database_file()
    {
        var flushes = 0;
        await using var writer = OpenWriter(() => { });
        await using var checkpointer = new WalCheckpointer(
            fixture.DatabasePath,
            writer,
            () => { },
            () => Interlocked.Increment(ref flushes),
            TimeProvider.System,
            NullLogger.Instance,
            restartFrames: 2);

        // Writes keep arriving, so the second pass of a tick always finds new frames to copy and flush.
        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                await writer.WriteAsync(i, Insert, CancellationToken.None);
            }
        });

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref flushes) > 0, Patience), "no flush before a hand-over");
        await stop.CancelAsync();
        await writing;
    }

    [Fact]
    public async Task Databases_open_on_one_file_share_its_handles_until_the_last_is_disposed()
    {
        var path = Path.GetFullPath(fixture.DatabasePath);
        var first = new SqliteDatabase(path);
        var second = new SqliteDatabase(path);
        var shared = DatabaseFiles.Acquire(path);
        try
        {
            await first.DisposeAsync();
            shared.FlushLog(); // still open: the second database holds it

            await new SqliteReferralStore(second, TimeProvider.System).AcceptAsync(Referrals.New(TimeProvider.System), CancellationToken.None);
            Assert.Equal(1, SqlitePeek.Count(second, "referrals"));
        }
        finally
        {
            await second.DisposeAsync();
            shared.Dispose();
        }

        // Every user gone: the next database opens the files afresh.
        await using var reopened = new SqliteDatabase(path);
        using var fresh = DatabaseFiles.Acquire(path);
        Assert.NotSame(shared, fresh);
    }

    private static int Insert(CachedCommands commands, int value) =>
        commands.Get("INSERT INTO log_sync_test (value) VALUES ($value);").Bind("$value", value).ExecuteNonQuery() == 1 ? value : -1;

    private GroupCommitWriter OpenWriter(Action flushLog)
    {
        var connection = SqliteConnections.OpenWriter(fixture.DatabasePath);
        connections.Add(connection);
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS log_sync_test (value INTEGER NOT NULL);";
            create.ExecuteNonQuery();
        }

        SqliteConnections.LeaveLogFlushToWriter(connection);
        return new GroupCommitWriter(connection, flushLog, NullLogger.Instance);
    }

    private int CountRows()
    {
        using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM log_sync_test;";
        return Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
