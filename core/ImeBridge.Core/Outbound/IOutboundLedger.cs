namespace ImeBridge.Core.Outbound;

/// <summary>
/// The record of every outbound message, written before and after the provider is called and keyed by message id,
/// so that a message is never sent twice because a handler ran twice (see <see cref="OutboundStatuses"/>).
/// </summary>
public interface IOutboundLedger
{
    /// <summary>
    /// Records <paramref name="record"/> as <see cref="OutboundStatuses.Claimed"/> when its message id is new and
    /// returns null: the caller sends. When the id is known it returns the record that stands and the caller does not
    /// send; a record still <see cref="OutboundStatuses.Claimed"/> becomes <see cref="OutboundStatuses.Unconfirmed"/>
    /// (an earlier run stopped between the call and its answer).
    /// </summary>
    Task<OutboundRecord?> ClaimAsync(OutboundRecord record, CancellationToken cancellationToken);

    /// <summary>Sets the status (and the provider id and detail when given) of a known message; false when unknown.</summary>
    Task<bool> UpdateAsync(string messageId, string status, string? providerId, string? detail, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up a claim whose provider certainly did not take the message (so it may be tried again): the record is
    /// removed as if never claimed.
    /// </summary>
    Task ReleaseAsync(string messageId, CancellationToken cancellationToken);

    Task<OutboundRecord?> FindAsync(string messageId, CancellationToken cancellationToken);

    Task<OutboundRecord?> FindByProviderIdAsync(string channel, string providerId, CancellationToken cancellationToken);

    /// <summary>The newest message of <paramref name="channel"/> sent to <paramref name="recipient"/> (an inbound reply names only its sender).</summary>
    Task<OutboundRecord?> FindLatestToRecipientAsync(string channel, string recipient, CancellationToken cancellationToken);

    /// <summary>Every message of one referral, oldest first.</summary>
    Task<IReadOnlyList<OutboundRecord>> ListForReferralAsync(string referralId, CancellationToken cancellationToken);
}
