using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>
/// Tells callers their writes are durable once the write-ahead log is on disk. The writer commits with
/// <c>synchronous=NORMAL</c> (SQLite writes the log but does not flush it) and hands each committed batch here; one
/// flush covers every batch handed over before it began, and only after it do those batches' callers hear of
/// success. So the writer runs the next batch while the disk syncs the last one, and a caller's answer still means
/// its write is on disk, as with <c>synchronous=FULL</c>.
/// <para>
/// Batches commit in order and each flush covers all that came before, so whatever a write saw (a duplicate it
/// found, a message it took) is on disk by the time that write is acknowledged. What does change: a read-only
/// connection can see a committed batch a few milliseconds before it is flushed; after a power cut, a batch no
/// caller had heard of can be missing. SQLite's checkpoints flush the log before they copy it, so the database file
/// never holds a page the log could lose.
/// </para>
/// </summary>
internal sealed class LogSyncer
{
    private readonly Action flushLog;
    private readonly ILogger logger;
    private readonly object gate = new();
    private readonly Thread thread;
    private List<WriteOperation> committed = [];
    private List<WriteOperation> flushing = [];
    private bool completing;

    public LogSyncer(Action flushLog, ILogger logger)
    {
        this.flushLog = flushLog;
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = "ImeBridge SQLite log sync" };
        thread.Start();
    }

    /// <summary>Queues the operations of a batch that has just committed; they succeed after the next flush.</summary>
    public void Acknowledge(List<WriteOperation> operations)
    {
        lock (gate)
        {
            committed.AddRange(operations);
            Monitor.Pulse(gate);
        }
    }

    /// <summary>Flushes what is queued, acknowledges it, and stops; returns when done.</summary>
    public void Complete()
    {
        lock (gate)
        {
            completing = true;
            Monitor.Pulse(gate);
        }

        thread.Join();
    }

    private void Run()
    {
        while (TakeCommitted())
        {
            var started = Stopwatch.GetTimestamp();
            var failure = Flush();
            foreach (var operation in flushing)
            {
                if (failure is null)
                {
                    operation.Succeed();
                }
                else
                {
                    operation.Fail(failure);
                }
            }

            if (failure is null && logger.IsEnabled(LogLevel.Trace))
            {
                logger.LogTrace("Flushed the log for {OperationCount} operations in {ElapsedMs:F1} ms", flushing.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            flushing.Clear();
        }
    }

    /// <summary>Flushes the log; returns what it failed with, or null.</summary>
    private Exception? Flush()
    {
        try
        {
            flushLog();
            return null;
        }
        catch (Exception ex)
        {
            // The batches are committed and readable, but not known to be on disk: their callers hear of a
            // failure, and a partner's retry finds the referral as a duplicate rather than losing it.
            logger.LogCritical(
                "Flushing the SQLite write-ahead log failed with {ExceptionType}; {OperationCount} committed writes are reported as failed",
                ex.GetType().Name,
                flushing.Count);
            return ex;
        }
    }

    /// <summary>Swaps the queued operations into <see cref="flushing"/>; false once completing with nothing left.</summary>
    private bool TakeCommitted()
    {
        lock (gate)
        {
            while (committed.Count == 0)
            {
                if (completing)
                {
                    return false;
                }

                Monitor.Wait(gate);
            }

            (committed, flushing) = (flushing, committed);
            return true;
        }
    }
}
