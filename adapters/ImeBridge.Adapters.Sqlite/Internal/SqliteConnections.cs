using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>Opens connections with the settings every ImeBridge connection needs.</summary>
internal static class SqliteConnections
{
    /// <summary>How long a statement waits for a lock held by another connection or process.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The one writer: WAL, foreign keys enforced; <see cref="LeaveLogFlushToWriter"/> once migrated.</summary>
    public static SqliteConnection OpenWriter(string path)
    {
        var connection = Open(path);
        try
        {
            var mode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("The SQLite database could not be switched to WAL mode.");
            }

            // Above the length at which WalCheckpointer starts the log over (about 530 MB), so the file is reused as it
            // is rather than cut and grown again block by block.
            Execute(connection, "PRAGMA journal_size_limit = 1073741824;");
            Execute(connection, "PRAGMA cache_size = -16384;");
            // Checkpoints run on their own connection (WalCheckpointer), never inside a commit.
            Execute(connection, "PRAGMA wal_autocheckpoint = 0;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Commits on the writer connection write the log without flushing it; <see cref="LogSyncer"/> flushes it before
    /// any caller hears of the commit. Checkpoints still flush the log before copying it and the database file after.
    /// </summary>
    public static void LeaveLogFlushToWriter(SqliteConnection writer) => Execute(writer, "PRAGMA synchronous = NORMAL;");

    /// <summary>The connection <see cref="WalCheckpointer"/> copies the log back into the database with.</summary>
    public static SqliteConnection OpenCheckpointer(string path) => Open(path);

    /// <summary>A reader: runs alongside the writer under WAL and refuses to write.</summary>
    public static SqliteConnection OpenReader(string path)
    {
        var connection = Open(path);
        try
        {
            Execute(connection, "PRAGMA query_only = ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteConnection Open(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // Connections are pooled by SqliteDatabase itself, with their pragmas already applied.
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA synchronous = FULL;");
            Execute(connection, "PRAGMA busy_timeout = " + ((long)BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";");
            Execute(connection, "PRAGMA foreign_keys = ON;");
            Execute(connection, "PRAGMA temp_store = MEMORY;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
