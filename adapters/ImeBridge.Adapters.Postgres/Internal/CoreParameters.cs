using Npgsql;
using NpgsqlTypes;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>Typed parameters the store and queue need beyond <see cref="PortParameters"/>.</summary>
internal static class CoreParameters
{
    public static NpgsqlCommand Bytes(this NpgsqlCommand command, string name, ReadOnlyMemory<byte> value)
    {
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>(name, NpgsqlDbType.Bytea) { TypedValue = value });
        return command;
    }
}
