using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>
/// One connection and its commands, each created and prepared once per SQL text and reused, so a hot
/// statement is compiled once per connection. Not thread-safe: one user at a time, like the connection.
/// </summary>
internal sealed class CachedCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>The command for <paramref name="sql"/>, which must be one of the adapter's constant statements.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Only the adapter's constant SQL texts are passed; values are always parameters.")]
    public SqliteCommand Get(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Prepare();
            commands.Add(sql, command);
        }

        return command;
    }

    public int Execute(string sql) => Get(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
    }
}
