using Npgsql;
using NpgsqlTypes;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>
/// Typed parameters for the ports' statements. The type is always given, so a NULL in <c>(@x IS NULL OR col = @x)</c>
/// still tells PostgreSQL what it is.
/// </summary>
internal static class PortParameters
{
    public static NpgsqlCommand Text(this NpgsqlCommand command, string name, string? value) => command.With(name, NpgsqlDbType.Text, value);

    public static NpgsqlCommand Integer(this NpgsqlCommand command, string name, int? value) => command.With(name, NpgsqlDbType.Integer, value);

    public static NpgsqlCommand Bigint(this NpgsqlCommand command, string name, long? value) => command.With(name, NpgsqlDbType.Bigint, value);

    public static NpgsqlCommand Boolean(this NpgsqlCommand command, string name, bool? value) => command.With(name, NpgsqlDbType.Boolean, value);

    public static NpgsqlCommand Date(this NpgsqlCommand command, string name, DateOnly value) => command.With(name, NpgsqlDbType.Date, value);

    public static NpgsqlCommand Jsonb(this NpgsqlCommand command, string name, string value) => command.With(name, NpgsqlDbType.Jsonb, value);

    public static NpgsqlCommand Json(this NpgsqlCommand command, string name, string value) => command.With(name, NpgsqlDbType.Json, value);

    /// <summary>An instant as stored: UTC, whole milliseconds (as the embedded store keeps it).</summary>
    public static NpgsqlCommand Instant(this NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.With(name, NpgsqlDbType.TimestampTz, value is { } at ? StoredInstant.Of(at) : null);

    private static NpgsqlCommand With(this NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }
}
