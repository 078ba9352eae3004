namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>The proof-of-service records, one per recipient of each approved report.</summary>
public interface IProofOfServiceStore
{
    /// <summary>Adds the record unless its message id is known; true when added (a second approval run adds nothing).</summary>
    Task<bool> AddAsync(ServiceRecord record, CancellationToken cancellationToken);

    /// <summary>Replaces what may change (status, sent, receipt, provider id, detail, link, download) of a known record.</summary>
    Task<bool> UpdateAsync(ServiceRecord record, CancellationToken cancellationToken);

    Task<ServiceRecord?> FindAsync(string messageId, CancellationToken cancellationToken);

    Task<ServiceRecord?> FindByLinkAsync(string linkId, CancellationToken cancellationToken);

    /// <summary>
    /// Records the first download by the link as the recipient's receipt; false when the link was used before (or is
    /// unknown), so only the first download counts.
    /// </summary>
    Task<bool> RecordDownloadAsync(string linkId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every record of the referral, oldest first, across its approved reports.</summary>
    Task<IReadOnlyList<ServiceRecord>> ListAsync(string referralId, CancellationToken cancellationToken);
}
