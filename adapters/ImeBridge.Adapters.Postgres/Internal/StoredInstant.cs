using Npgsql;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>
/// Instants are stored as <c>timestamptz</c> cut to whole milliseconds, so they read back exactly as the embedded
/// store returns them (it keeps Unix milliseconds).
/// </summary>
internal static class StoredInstant
{
    public static DateTimeOffset Of(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    public static DateTimeOffset Now(TimeProvider time) => Of(time.GetUtcNow());

    public static DateTimeOffset Read(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? ReadNullable(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
