namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// An outbox message the external bus refused for good, as an operator sees it: ids, type, reason and how much of its
/// referral waits behind it; never the body (it may carry PHI).
/// </summary>
/// <param name="Seq">Its outbox sequence number: what <see cref="OutboxRefusals.ReplayAsync"/> and <see cref="OutboxRefusals.DiscardAsync"/> take.</param>
/// <param name="SessionId">The referral (the bus session) it belongs to.</param>
/// <param name="ReasonCode">The bus's code, e.g. <c>MessageSizeExceeded</c>, or the error's type name.</param>
/// <param name="HeldBehind">Later outbox messages of the same session that wait until it is replayed or discarded.</param>
/// <param name="DiscardedAt">When an operator discarded it; null while it holds its session.</param>
public sealed record RefusedOutboxMessage(
    long Seq,
    string MessageId,
    string Type,
    string SessionId,
    DateTimeOffset? NotBefore,
    DateTimeOffset RefusedAt,
    string ReasonCode,
    long HeldBehind,
    DateTimeOffset? DiscardedAt,
    string? DiscardReason);
