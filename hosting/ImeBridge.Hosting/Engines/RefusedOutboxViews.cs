using ImeBridge.Adapters.Postgres;

namespace ImeBridge.Hosting.Engines;

/// <summary>The answer of <c>GET /api/ops/outbox/refused</c>.</summary>
public sealed record RefusedOutboxList(IReadOnlyList<RefusedOutboxMessageView> Refused);

/// <summary>
/// A refused outbox message as the operator API shows it: what <see cref="RefusedOutboxMessage"/> holds, which is
/// already everything but the body (a body may carry PHI and never leaves the database this way).
/// </summary>
/// <param name="SessionId">The bus session: the referral id for a referral's messages.</param>
/// <param name="HeldBehind">Later messages of the same session waiting for it to be replayed or discarded (0 once discarded).</param>
public sealed record RefusedOutboxMessageView(
    long Seq,
    string MessageId,
    string Type,
    string SessionId,
    DateTimeOffset? NotBefore,
    DateTimeOffset RefusedAt,
    string ReasonCode,
    long HeldBehind,
    DateTimeOffset? DiscardedAt,
    string? DiscardReason)
{
    public static RefusedOutboxMessageView From(RefusedOutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Seq, message.MessageId, message.Type, message.SessionId, message.NotBefore, message.RefusedAt, message.ReasonCode, message.HeldBehind, message.DiscardedAt, message.DiscardReason);
    }
}

/// <summary>
/// What a replay or discard did to outbox seq <paramref name="Seq"/>. The ids and <paramref name="Released"/> (the
/// session's messages that were waiting behind it and now flow) describe it as it was just before; absent only in the
/// unlikely case it was not among the first 1000 refused messages.
/// </summary>
/// <param name="Outcome"><c>replayed</c> or <c>discarded</c>.</param>
/// <param name="DiscardReason">The reason kept with a discarded message.</param>
public sealed record RefusedOutboxActionAnswer(
    long Seq,
    string Outcome,
    string? MessageId,
    string? Type,
    string? SessionId,
    long? Released,
    string? DiscardReason);
