using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Outbound;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// <see cref="IOutboundLedger"/> in the <c>outbound_messages</c> table. A claim is one write through the single
/// writer: insert when new, otherwise turn a leftover <c>claimed</c> into <c>unconfirmed</c> and return what stands,
/// so two runs of one handler can never both be told to send. A provider's final word (delivered, bounced …) is never
/// overwritten by the sender's own "sent", which may be written after a fast provider already called back.
/// </summary>
public sealed class SqliteOutboundLedger(SqliteDatabase database, TimeProvider time) : IOutboundLedger
{
    private const string Columns = "message_id, channel, referral_id, purpose, recipient, status, provider_id, detail, created_at, updated_at";

    private const string Insert = """
        INSERT INTO outbound_messages (message_id, channel, referral_id, purpose, recipient, status, provider_id, detail, created_at, updated_at)
        VALUES ($id, $channel, $referral, $purpose, $recipient, 'claimed', NULL, NULL, $now, $now)
        ON CONFLICT (message_id) DO NOTHING;
        """;

    private const string MarkUnconfirmed = "UPDATE outbound_messages SET status = 'unconfirmed', updated_at = $now WHERE message_id = $id AND status = 'claimed';";

    private const string Update = """
        UPDATE outbound_messages
        SET status = $status, provider_id = COALESCE($provider, provider_id), detail = COALESCE($detail, detail), updated_at = $now
        WHERE message_id = $id
          AND NOT ($status IN ('sent', 'outbox') AND status IN ('delivered', 'undelivered', 'failed', 'bounced', 'suppressed'));
        """;

    private const string Delete = "DELETE FROM outbound_messages WHERE message_id = $id;";

    private const string SelectById = $"SELECT {Columns} FROM outbound_messages WHERE message_id = $id;";

    private const string SelectByProvider = $"SELECT {Columns} FROM outbound_messages WHERE channel = $channel AND provider_id = $provider ORDER BY created_at DESC LIMIT 1;";

    private const string SelectLatestToRecipient = $"SELECT {Columns} FROM outbound_messages WHERE channel = $channel AND recipient = $recipient ORDER BY created_at DESC, rowid DESC LIMIT 1;";

    private const string SelectByReferral = $"SELECT {Columns} FROM outbound_messages WHERE referral_id = $referral ORDER BY created_at, rowid;";

    public Task<OutboundRecord?> ClaimAsync(OutboundRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.WriteAsync(
            (Record: record, Now: UnixTime.Now(time)),
            static (commands, state) =>
            {
                var r = state.Record;
                var inserted = commands.Get(Insert)
                    .Bind("$id", r.MessageId)
                    .Bind("$channel", r.Channel)
                    .Bind("$referral", r.ReferralId)
                    .Bind("$purpose", r.Purpose)
                    .Bind("$recipient", r.Recipient)
                    .Bind("$now", state.Now)
                    .ExecuteNonQuery();
                if (inserted == 1)
                {
                    return null;
                }

                commands.Get(MarkUnconfirmed).Bind("$id", r.MessageId).Bind("$now", state.Now).ExecuteNonQuery();
                return ReadOne(commands.Get(SelectById).Bind("$id", r.MessageId));
            },
            cancellationToken);
    }

    public Task<bool> UpdateAsync(string messageId, string status, string? providerId, string? detail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(status);
        return database.WriteAsync(
            (Id: messageId, Status: status, Provider: providerId, Detail: detail, Now: UnixTime.Now(time)),
            static (commands, state) => commands.Get(Update)
                .Bind("$id", state.Id)
                .Bind("$status", state.Status)
                .Bind("$provider", state.Provider)
                .Bind("$detail", state.Detail)
                .Bind("$now", state.Now)
                .ExecuteNonQuery() == 1,
            cancellationToken);
    }

    public Task ReleaseAsync(string messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return database.WriteAsync(messageId, static (commands, id) => commands.Get(Delete).Bind("$id", id).ExecuteNonQuery(), cancellationToken);
    }

    public Task<OutboundRecord?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        using var lease = database.Read();
        return Task.FromResult(ReadOne(lease.Commands.Get(SelectById).Bind("$id", messageId)));
    }

    public Task<OutboundRecord?> FindByProviderIdAsync(string channel, string providerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        using var lease = database.Read();
        return Task.FromResult(ReadOne(lease.Commands.Get(SelectByProvider).Bind("$channel", channel).Bind("$provider", providerId)));
    }

    public Task<OutboundRecord?> FindLatestToRecipientAsync(string channel, string recipient, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        using var lease = database.Read();
        return Task.FromResult(ReadOne(lease.Commands.Get(SelectLatestToRecipient).Bind("$channel", channel).Bind("$recipient", recipient)));
    }

    public Task<IReadOnlyList<OutboundRecord>> ListForReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        using var lease = database.Read();
        using var reader = lease.Commands.Get(SelectByReferral).Bind("$referral", referralId).ExecuteReader();
        var records = new List<OutboundRecord>();
        while (reader.Read())
        {
            records.Add(Row(reader));
        }

        return Task.FromResult<IReadOnlyList<OutboundRecord>>(records);
    }

    private static OutboundRecord? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Row(reader) : null;
    }

    private static OutboundRecord Row(SqliteDataReader reader) => new(
        MessageId: reader.GetString(0),
        Channel: reader.GetString(1),
        ReferralId: reader.GetString(2),
        Purpose: reader.GetString(3),
        Recipient: reader.GetString(4),
        Status: reader.GetString(5),
        ProviderId: reader.GetNullableString(6),
        Detail: reader.GetNullableString(7),
        CreatedAt: UnixTime.FromMilliseconds(reader.GetInt64(8)),
        UpdatedAt: UnixTime.FromMilliseconds(reader.GetInt64(9)));
}
