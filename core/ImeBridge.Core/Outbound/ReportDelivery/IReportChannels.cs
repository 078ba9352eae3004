using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// The partner webhook channel as report delivery needs it: whether the referrer's partner subscribes to
/// <c>report.available</c>, and publishing it with the ledger's message id so its settlement comes back as a
/// <see cref="DeliverySettled"/> receipt. The host connects it to the partner event publisher.
/// </summary>
public interface IReportWebhookChannel
{
    Task<bool> IsSubscribedAsync(string partnerId, CancellationToken cancellationToken);

    /// <returns>How many subscriptions got the event (0: none, the referrer must be served another way).</returns>
    Task<int> PublishReportAvailableAsync(StoredReferral referral, string reportSha256, string ledgerMessageId, CancellationToken cancellationToken);
}

/// <summary>
/// The FHIR write-back as report delivery needs it: whether the referral's partner gets the approved report as a
/// DocumentReference on its own server (the write-back does it and emits the <see cref="DeliverySettled"/> receipt).
/// </summary>
public interface IReportFhirChannel
{
    bool WritesReportFor(StoredReferral referral);

    /// <summary>
    /// Asks the write-back for another write of the approved report (an operator serving the referrer again), settled as
    /// <paramref name="ledgerMessageId"/>; false when the partner's server no longer gets the write-back.
    /// </summary>
    Task<bool> RequestReportWriteAsync(StoredReferral referral, string reportSha256, string ledgerMessageId, CancellationToken cancellationToken) =>
        Task.FromResult(false);
}

/// <summary>No partner webhooks: every referrer not served by FHIR is served by email.</summary>
public sealed class NoReportWebhookChannel : IReportWebhookChannel
{
    public Task<bool> IsSubscribedAsync(string partnerId, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<int> PublishReportAvailableAsync(StoredReferral referral, string reportSha256, string ledgerMessageId, CancellationToken cancellationToken) => Task.FromResult(0);
}

/// <summary>No FHIR write-back.</summary>
public sealed class NoReportFhirChannel : IReportFhirChannel
{
    public bool WritesReportFor(StoredReferral referral) => false;
}
