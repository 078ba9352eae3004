using System.Globalization;
using ImeBridge.Adapters.Sqlite;

namespace ImeBridge.Adapters.Tests.Sqlite;

/// <summary>Looks inside the database through the adapter's own read connections.</summary>
internal static class SqlitePeek
{
    public static long Count(SqliteDatabase database, string table, string where = "1 = 1")
    {
        using var lease = database.Read();
        using var command = lease.Commands.Connection.CreateCommand();
#pragma warning disable CA2100 // test-only SQL built from constant table names
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {where};";
#pragma warning restore CA2100
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static string Pragma(SqliteDatabase database, string pragma)
    {
        using var lease = database.Read();
        using var command = lease.Commands.Connection.CreateCommand();
#pragma warning disable CA2100
        command.CommandText = $"PRAGMA {pragma};";
#pragma warning restore CA2100
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }
}
