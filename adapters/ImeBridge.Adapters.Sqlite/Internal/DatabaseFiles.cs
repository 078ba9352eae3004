using Microsoft.Win32.SafeHandles;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>
/// Handles on a database file and its write-ahead log that ImeBridge flushes to disk itself, off the writer's path:
/// the log after each committed batch (<see cref="LogSyncer"/>), and the database file after each checkpoint pass and
/// before the log starts over (<see cref="WalCheckpointer"/>).
/// <para>
/// Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's included, and a lost
/// lock lets another process take the database as unused. So the handles of one path are shared by every
/// <see cref="SqliteDatabase"/> open on it in this process, and closed only when the last of them is disposed, after
/// its connections.
/// </para>
/// </summary>
internal sealed class DatabaseFiles : IDisposable
{
    private static readonly Dictionary<string, DatabaseFiles> OpenFiles = new(StringComparer.Ordinal);

    private readonly string databasePath;
    private readonly SafeFileHandle database;
    private readonly SafeFileHandle log;
    private int users;

    private DatabaseFiles(string databasePath)
    {
        this.databasePath = databasePath;
        database = Open(databasePath);
        try
        {
            // The writer connection has already read the database in WAL mode, which creates the log.
            log = Open(databasePath + "-wal");
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Shares the handles of <paramref name="databasePath"/> (a full path); dispose once per call.</summary>
    public static DatabaseFiles Acquire(string databasePath)
    {
        lock (OpenFiles)
        {
            if (!OpenFiles.TryGetValue(databasePath, out var files))
            {
                files = new DatabaseFiles(databasePath);
                OpenFiles.Add(databasePath, files);
            }

            files.users++;
            return files;
        }
    }

    /// <summary>Writes the log's cached pages to disk (fsync): every commit made before the call is then durable.</summary>
    public void FlushLog() => RandomAccess.FlushToDisk(log);

    /// <summary>
    /// Writes the database file's cached pages to disk a range at a time (<see cref="FileWriteBack"/>), so that no
    /// later sync has a backlog to wait for and the log's flushes meanwhile wait behind one range at most.
    /// </summary>
    public void WriteBackDatabase() => FileWriteBack.InRanges(database);

    /// <summary>Writes the database file's cached pages to disk at once (fsync).</summary>
    public void FlushDatabase() => RandomAccess.FlushToDisk(database);

    public void Dispose()
    {
        lock (OpenFiles)
        {
            if (--users > 0)
            {
                return;
            }

            OpenFiles.Remove(databasePath);
            log.Dispose();
            database.Dispose();
        }
    }

    private static SafeFileHandle Open(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
}
