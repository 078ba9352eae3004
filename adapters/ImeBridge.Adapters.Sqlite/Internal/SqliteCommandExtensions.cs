using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Sqlite.Internal;

internal static class SqliteCommandExtensions
{
    /// <summary>Sets a parameter of a reused command, adding it the first time. Null binds SQL NULL.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.Add(new SqliteParameter(name, value ?? DBNull.Value));
        }
        else
        {
            var parameter = parameters[index];
            // Let the type follow the value each time (a reused parameter may alternate between NULL and text).
            parameter.ResetSqliteType();
            parameter.Value = value ?? DBNull.Value;
        }

        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static byte[] GetBlob(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);
}
