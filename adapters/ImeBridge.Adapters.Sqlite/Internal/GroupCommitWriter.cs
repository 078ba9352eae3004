using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>
/// The database's only writer. Callers queue operations; a dedicated thread takes everything waiting
/// (up to <see cref="MaxBatchSize"/>), runs each in its own savepoint of one transaction and commits once. The
/// <see cref="LogSyncer"/> completes each caller's task after the log is on disk, while this thread runs the next
/// batch: one flush serves every batch committed while the previous flush ran, so the batch size follows the load.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    public const int MaxBatchSize = 1024;

    private const string Begin = "BEGIN IMMEDIATE;";
    private const string Commit = "COMMIT;";
    private const string Rollback = "ROLLBACK;";
    private const string Savepoint = "SAVEPOINT op;";
    private const string Release = "RELEASE op;";
    private const string RollbackToSavepoint = "ROLLBACK TO op;";

    private readonly Channel<WriteOperation> pending = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly CachedCommands commands;
    private readonly LogSyncer syncer;
    private readonly ILogger logger;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread thread;
    private volatile bool checkpointRequested;

    /// <param name="connection">The writer connection, with <c>synchronous=NORMAL</c>: commits write the log, <paramref name="flushLog"/> syncs it.</param>
    /// <param name="flushLog">Writes the log to disk; every commit made before the call is durable when it returns.</param>
    public GroupCommitWriter(SqliteConnection connection, Action flushLog, ILogger logger)
    {
        commands = new CachedCommands(connection);
        syncer = new LogSyncer(flushLog, logger);
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = "ImeBridge SQLite writer" };
        thread.Start();
    }

    /// <summary>Queues <paramref name="work"/>; the task completes after the transaction that ran it has committed and the log is on disk.</summary>
    public Task<TResult> WriteAsync<TState, TResult>(TState state, Func<CachedCommands, TState, TResult> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        var operation = new WriteOperation<TState, TResult>(state, work, cancellationToken);
        ObjectDisposedException.ThrowIf(!pending.Writer.TryWrite(operation), typeof(SqliteDatabase));

        return operation.Task;
    }

    /// <summary>
    /// Asks for one PASSIVE checkpoint on the writer's own connection after the batch in progress, before the next
    /// begins: no commit can add to the log meanwhile, so the checkpoint copies all of it, and the next write
    /// transaction starts the log over from its beginning (see <see cref="WalCheckpointer"/>).
    /// </summary>
    public void RequestCheckpoint() => checkpointRequested = true;

    /// <summary>Stops taking work, finishes everything already queued, and returns when the last batch has committed.</summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await stopped.Task.ConfigureAwait(false);
        commands.Dispose();
    }

    private void Run()
    {
        var batch = new List<WriteOperation>(MaxBatchSize);
        try
        {
            while (WaitForWork())
            {
                while (batch.Count < MaxBatchSize && pending.Reader.TryRead(out var operation))
                {
                    if (operation.CancellationToken.IsCancellationRequested)
                    {
                        operation.Cancel();
                    }
                    else
                    {
                        batch.Add(operation);
                    }
                }

                if (batch.Count > 0)
                {
                    ExecuteBatch(batch);
                    batch.Clear();
                }

                if (checkpointRequested)
                {
                    checkpointRequested = false;
                    CheckpointBetweenBatches();
                }
            }
        }
        catch (Exception ex)
        {
            // Not expected: ExecuteBatch reports its own failures. Fail whatever is left rather than hang callers.
            logger.LogCritical("SQLite writer stopped with {ExceptionType}", ex.GetType().Name);
            pending.Writer.TryComplete();
            foreach (var operation in batch)
            {
                operation.Fail(ex);
            }

            while (pending.Reader.TryRead(out var operation))
            {
                operation.Fail(new ObjectDisposedException(nameof(SqliteDatabase)));
            }
        }
        finally
        {
            syncer.Complete();
            stopped.TrySetResult();
        }
    }

    private bool WaitForWork()
    {
        var wait = pending.Reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void ExecuteBatch(List<WriteOperation> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var committing = 0L;
        var succeeded = new List<WriteOperation>(batch.Count);
        try
        {
            commands.Execute(Begin);
            foreach (var operation in batch)
            {
                commands.Execute(Savepoint);
                try
                {
                    operation.Execute(commands);
                    commands.Execute(Release);
                    succeeded.Add(operation);
                }
                catch (Exception ex)
                {
                    // Undo this operation only. When SQLite has already rolled back the whole transaction
                    // (disk full, I/O error), this throws and the batch fails as a whole below.
                    commands.Execute(RollbackToSavepoint);
                    commands.Execute(Release);
                    operation.Fail(ex);
                }
            }

            committing = Stopwatch.GetTimestamp();
            commands.Execute(Commit);
        }
        catch (Exception ex)
        {
            TryRollback();
            logger.LogError(
                "SQLite write batch of {OperationCount} operations failed with {ExceptionType} (SQLite error {SqliteErrorCode}); nothing of it was stored",
                batch.Count,
                ex.GetType().Name,
                (ex as SqliteException)?.SqliteErrorCode);
            foreach (var operation in batch)
            {
                operation.Fail(ex);
            }

            return;
        }

        syncer.Acknowledge(succeeded);
        if (logger.IsEnabled(LogLevel.Trace))
        {
            logger.LogTrace(
                "Committed {OperationCount} operations ({FailedCount} failed) in {ElapsedMs:F1} ms, of which commit {CommitMs:F1} ms",
                batch.Count,
                batch.Count - succeeded.Count,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                Stopwatch.GetElapsedTime(committing).TotalMilliseconds);
        }
    }

    private void CheckpointBetweenBatches()
    {
        try
        {
            commands.Execute(WalCheckpointer.PassiveCheckpoint);
        }
        catch (SqliteException ex)
        {
            // A reader still on an old snapshot; the log starts over on a later request instead.
            logger.LogDebug("WAL checkpoint between batches skipped: SQLite error {SqliteErrorCode}", ex.SqliteErrorCode);
        }
    }

    private void TryRollback()
    {
        try
        {
            if (!commands.Connection.State.HasFlag(System.Data.ConnectionState.Open))
            {
                return;
            }

            commands.Execute(Rollback);
        }
        catch (SqliteException)
        {
            // No transaction left to roll back (SQLite already rolled it back).
        }
    }
}
