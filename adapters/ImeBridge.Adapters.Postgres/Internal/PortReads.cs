using Npgsql;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>Small reading helpers shared by the ports' adapters.</summary>
internal static class PortReads
{
    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Runs <paramref name="command"/> and maps every row.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>Runs <paramref name="command"/> and maps the first row, or null when there is none.</summary>
    public static async Task<T?> ReadFirstAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
        where T : class
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? row(reader) : null;
    }

    /// <summary>True for a unique violation on <paramref name="constraint"/> (or any, when null).</summary>
    public static bool IsUniqueViolation(this PostgresException exception, string? constraint = null) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation && (constraint is null || exception.ConstraintName == constraint);
}
