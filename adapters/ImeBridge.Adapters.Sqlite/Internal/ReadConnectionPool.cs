using System.Collections.Concurrent;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>
/// Open read-only connections, kept with their prepared statements. Under WAL they read a committed
/// snapshot alongside the writer. Up to <c>maxIdle</c> are kept; more are opened on demand and closed after use.
/// </summary>
internal sealed class ReadConnectionPool(string path, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<ReadLease> idle = [];
    private int idleCount;
    private volatile bool disposed;

    public ReadLease Rent()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (idle.TryTake(out var lease))
        {
            Interlocked.Decrement(ref idleCount);
            return lease;
        }

        return new ReadLease(this, SqliteConnections.OpenReader(path));
    }

    internal void Return(ReadLease lease)
    {
        if (disposed || Interlocked.Increment(ref idleCount) > maxIdle)
        {
            if (!disposed)
            {
                Interlocked.Decrement(ref idleCount);
            }

            lease.Close();
            return;
        }

        idle.Add(lease);
        if (disposed)
        {
            CloseIdle();
        }
    }

    public void Dispose()
    {
        disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (idle.TryTake(out var lease))
        {
            lease.Close();
        }
    }
}
