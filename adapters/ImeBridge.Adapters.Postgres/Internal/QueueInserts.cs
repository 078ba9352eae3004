using ImeBridge.Core.Messaging;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>
/// Puts messages on the PostgreSQL queue, for the queue's own sends and for the referral store, which emits in the
/// same transaction as its state change. One batch, one round trip.
/// </summary>
internal static class QueueInserts
{
    public static async Task<int> InsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        IReadOnlyList<QueueMessage> messages,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return 0;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var message in messages)
        {
            Validate(message);
            var command = new NpgsqlBatchCommand(QueueSql.Insert);
            Bind(command.Parameters, message, now);
            batch.BatchCommands.Add(command);
        }

        return await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static void Validate(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.MessageId, nameof(message));
        ArgumentException.ThrowIfNullOrEmpty(message.Type, nameof(message));
        ArgumentException.ThrowIfNullOrEmpty(message.SessionId, nameof(message));
    }

    private static void Bind(NpgsqlParameterCollection parameters, QueueMessage message, DateTimeOffset now)
    {
        parameters.Add(new NpgsqlParameter<string>("message_id", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = message.MessageId });
        parameters.Add(new NpgsqlParameter<string>("type", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = message.Type });
        parameters.Add(new NpgsqlParameter<string>("session_id", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = message.SessionId });
        parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("body", NpgsqlTypes.NpgsqlDbType.Bytea) { TypedValue = message.Body });
        parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = now });
        parameters.Add(new NpgsqlParameter("not_before", NpgsqlTypes.NpgsqlDbType.TimestampTz)
        {
            Value = message.NotBefore is { } notBefore ? StoredInstant.Of(notBefore) : DBNull.Value,
        });
    }
}
