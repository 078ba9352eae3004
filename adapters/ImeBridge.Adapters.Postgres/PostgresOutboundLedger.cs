using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Outbound;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// <see cref="IOutboundLedger"/> in the <c>outbound_messages</c> table. A claim is an insert that does nothing on a
/// known id: PostgreSQL lets exactly one of any number of concurrent inserts of one id succeed, in whichever process,
/// so two runs of one handler can never both be told to send. The losers turn a leftover <c>claimed</c> into
/// <c>unconfirmed</c> and get what stands. A provider's final word (delivered, bounced …) is never overwritten by the
/// sender's own "sent", which may be written after a fast provider already called back.
/// </summary>
public sealed class PostgresOutboundLedger(PostgresDatabase database, TimeProvider time) : IOutboundLedger
{
    private const string Columns = "message_id, channel, referral_id, purpose, recipient, status, provider_id, detail, created_at, updated_at";

    private const string Insert = """
        INSERT INTO outbound_messages (message_id, channel, referral_id, purpose, recipient, status, provider_id, detail, created_at, updated_at)
        VALUES (@id, @channel, @referral, @purpose, @recipient, 'claimed', NULL, NULL, @now, @now)
        ON CONFLICT (message_id) DO NOTHING;
        """;

    private const string MarkUnconfirmed = "UPDATE outbound_messages SET status = 'unconfirmed', updated_at = @now WHERE message_id = @id AND status = 'claimed';";

    private const string Update = """
        UPDATE outbound_messages
        SET status = @status, provider_id = COALESCE(@provider, provider_id), detail = COALESCE(@detail, detail), updated_at = @now
        WHERE message_id = @id
          AND NOT (@status IN ('sent', 'outbox') AND status IN ('delivered', 'undelivered', 'failed', 'bounced', 'suppressed'));
        """;

    private const string Delete = "DELETE FROM outbound_messages WHERE message_id = @id;";

    private const string SelectById = $"SELECT {Columns} FROM outbound_messages WHERE message_id = @id;";

    private const string SelectByProvider = $"SELECT {Columns} FROM outbound_messages WHERE channel = @channel AND provider_id = @provider ORDER BY created_at DESC, seq DESC LIMIT 1;";

    private const string SelectLatestToRecipient = $"SELECT {Columns} FROM outbound_messages WHERE channel = @channel AND recipient = @recipient ORDER BY created_at DESC, seq DESC LIMIT 1;";

    private const string SelectByReferral = $"SELECT {Columns} FROM outbound_messages WHERE referral_id = @referral ORDER BY created_at, seq;";

    public async Task<OutboundRecord?> ClaimAsync(OutboundRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        // A record released between our insert and our read is gone as if never claimed: try again.
        while (true)
        {
            var now = StoredInstant.Now(time);
            await using (var insert = database.DataSource.CreateCommand(Insert)
                .Text("id", record.MessageId)
                .Text("channel", record.Channel)
                .Text("referral", record.ReferralId)
                .Text("purpose", record.Purpose)
                .Text("recipient", record.Recipient)
                .Instant("now", now))
            {
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    return null;
                }
            }

            // Two statements, not one: under READ COMMITTED the read takes its snapshot after the update waited out any
            // other claimant's, so every loser sees "unconfirmed" (one statement would read from before that wait).
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            await using (var mark = new NpgsqlCommand(MarkUnconfirmed, connection).Text("id", record.MessageId).Instant("now", now))
            {
                await mark.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var read = new NpgsqlCommand(SelectById, connection).Text("id", record.MessageId);
            if (await read.ReadFirstAsync(Row, cancellationToken) is { } standing)
            {
                return standing;
            }
        }
    }

    public async Task<bool> UpdateAsync(string messageId, string status, string? providerId, string? detail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(status);
        await using var command = database.DataSource.CreateCommand(Update)
            .Text("id", messageId)
            .Text("status", status)
            .Text("provider", providerId)
            .Text("detail", detail)
            .Instant("now", StoredInstant.Now(time));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseAsync(string messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        await using var command = database.DataSource.CreateCommand(Delete).Text("id", messageId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<OutboundRecord?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        await using var command = database.DataSource.CreateCommand(SelectById).Text("id", messageId);
        return await command.ReadFirstAsync(Row, cancellationToken);
    }

    public async Task<OutboundRecord?> FindByProviderIdAsync(string channel, string providerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        await using var command = database.DataSource.CreateCommand(SelectByProvider).Text("channel", channel).Text("provider", providerId);
        return await command.ReadFirstAsync(Row, cancellationToken);
    }

    public async Task<OutboundRecord?> FindLatestToRecipientAsync(string channel, string recipient, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        await using var command = database.DataSource.CreateCommand(SelectLatestToRecipient).Text("channel", channel).Text("recipient", recipient);
        return await command.ReadFirstAsync(Row, cancellationToken);
    }

    public async Task<IReadOnlyList<OutboundRecord>> ListForReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        await using var command = database.DataSource.CreateCommand(SelectByReferral).Text("referral", referralId);
        return await command.ReadAllAsync(Row, cancellationToken);
    }

    private static OutboundRecord Row(NpgsqlDataReader reader) => new(
        MessageId: reader.GetString(0),
        Channel: reader.GetString(1),
        ReferralId: reader.GetString(2),
        Purpose: reader.GetString(3),
        Recipient: reader.GetString(4),
        Status: reader.GetString(5),
        ProviderId: reader.GetNullableString(6),
        Detail: reader.GetNullableString(7),
        CreatedAt: StoredInstant.Read(reader, 8),
        UpdatedAt: StoredInstant.Read(reader, 9));
}
