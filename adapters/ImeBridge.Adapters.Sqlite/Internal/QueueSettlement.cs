using System.Globalization;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>Complete, abandon and dead-letter; each first proves the caller still holds the message's lock.</summary>
internal static class QueueSettlement
{
    public static bool Settle(CachedCommands commands, SettleRequest request)
    {
        var now = UnixTime.Now(request.Time);
        var changed = request.Kind switch
        {
            SettleKind.Complete => Bind(commands.Get(QueueSql.Complete), request, now).ExecuteNonQuery(),
            SettleKind.DeadLetter => DeadLetter(commands, request, now, request.Reason!, request.Text, error: null),
            SettleKind.Abandon => Abandon(commands, request, now),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };
        if (changed == 0)
        {
            throw LockLost(request.Seq);
        }

        return true;
    }

    private static int Abandon(CachedCommands commands, SettleRequest request, long now)
    {
        var deliveryCount = Bind(commands.Get(QueueSql.LockedDeliveryCount), request, now).ExecuteScalar();
        if (deliveryCount is null)
        {
            return 0;
        }

        if (Convert.ToInt64(deliveryCount, CultureInfo.InvariantCulture) >= request.MaxDeliveryCount)
        {
            return DeadLetter(commands, request, now, QueueSql.MaxDeliveryCountExceeded, request.Text, error: request.Text);
        }

        return Bind(commands.Get(QueueSql.Abandon), request, now)
            .Bind("$retry_at", now + request.RetryAfterMs)
            .Bind("$error", request.Text)
            .ExecuteNonQuery();
    }

    private static int DeadLetter(CachedCommands commands, SettleRequest request, long now, string reason, string? description, string? error) =>
        Bind(commands.Get(QueueSql.DeadLetter), request, now)
            .Bind("$reason", reason)
            .Bind("$description", description)
            .Bind("$error", error)
            .ExecuteNonQuery();

    private static Microsoft.Data.Sqlite.SqliteCommand Bind(Microsoft.Data.Sqlite.SqliteCommand command, SettleRequest request, long now) =>
        command.Bind("$seq", request.Seq).Bind("$lock_token", request.LockToken).Bind("$now", now);

    /// <summary>Names the sequence number only: message ids and bodies stay out of exception text.</summary>
    private static MessageLockLostException LockLost(long seq) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The lock on message {seq} was lost: it expired, was settled already, or the message was received again."));
}
