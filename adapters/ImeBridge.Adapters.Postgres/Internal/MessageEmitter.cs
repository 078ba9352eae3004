using ImeBridge.Core.Messaging;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>Writes the messages a state change emits, inside that change's transaction: into the queue or the outbox.</summary>
internal static class MessageEmitter
{
    private const string InsertOutbox = """
        INSERT INTO outbox (message_id, type, session_id, body, not_before, created_at)
        VALUES (@message_id, @type, @session_id, @body, @not_before, @now);
        """;

    public static async Task EmitAsync(
        PostgresBus bus,
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyList<QueueMessage> messages,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        if (bus == PostgresBus.Postgres)
        {
            await QueueInserts.InsertAsync(connection, transaction, messages, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        // One batch, rows in the order given: the relay sends them in that order.
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var message in messages)
        {
            QueueInserts.Validate(message);
            var command = new NpgsqlBatchCommand(InsertOutbox);
            command.Parameters.Add(new NpgsqlParameter<string>("message_id", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = message.MessageId });
            command.Parameters.Add(new NpgsqlParameter<string>("type", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = message.Type });
            command.Parameters.Add(new NpgsqlParameter<string>("session_id", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = message.SessionId });
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("body", NpgsqlTypes.NpgsqlDbType.Bytea) { TypedValue = message.Body });
            command.Parameters.Add(new NpgsqlParameter("not_before", NpgsqlTypes.NpgsqlDbType.TimestampTz)
            {
                Value = message.NotBefore is { } notBefore ? StoredInstant.Of(notBefore) : DBNull.Value,
            });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = now });
            batch.BatchCommands.Add(command);
        }

        // Delivered on commit only, to the relay of whichever process holds its lock; no payload, so nothing of the message.
        batch.BatchCommands.Add(new NpgsqlBatchCommand(OutboxWakeups.Notify));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
