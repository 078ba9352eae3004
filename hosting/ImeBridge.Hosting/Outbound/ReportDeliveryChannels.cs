using System.Globalization;
using ImeBridge.Adapters.Fhir;
using ImeBridge.Adapters.Fhir.WriteBack;
using ImeBridge.Core.Outbound.PartnerEvents;
using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// Report delivery's webhook channel over the partner webhooks: a partner subscribes when one of its enabled
/// subscriptions wants <c>report.available</c>; publishing passes the ledger id so its settlement is the receipt.
/// Resolved lazily: without partner webhooks registered, no partner subscribes.
/// </summary>
internal sealed class PartnerEventsReportWebhookChannel(IServiceProvider services) : IReportWebhookChannel
{
    public async Task<bool> IsSubscribedAsync(string partnerId, CancellationToken cancellationToken)
    {
        if (services.GetService<IWebhookSubscriptions>() is not { } subscriptions || services.GetService<IPartnerEventPublisher>() is null)
        {
            return false;
        }

        var list = await subscriptions.ListForPartnerAsync(partnerId, cancellationToken);
        return list.Any(s => s.Enabled && s.Wants(PartnerEventTypes.ReportAvailable));
    }

    public async Task<int> PublishReportAvailableAsync(StoredReferral referral, string reportSha256, string ledgerMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (services.GetService<IPartnerEventPublisher>() is not { } publisher)
        {
            return 0;
        }

        var version = referral.Case.Reports?.Approval?.Version ?? 0;
        var data = new Dictionary<string, string>
        {
            ["referralId"] = referral.ReferralId,
            ["externalId"] = referral.Referral.Source.ExternalId ?? "",
            ["reportVersion"] = version.ToString(CultureInfo.InvariantCulture),
            ["reportSha256"] = reportSha256,
        };
        var evt = new PartnerEvent(
            PartnerEventIds.For(PartnerEventTypes.ReportAvailable, ledgerMessageId),
            PartnerEventTypes.ReportAvailable,
            referral.ReferralId,
            referral.PartnerId,
            referral.Case.Reports?.Approval?.ApprovedAt ?? DateTimeOffset.UnixEpoch,
            data);
        return await publisher.PublishAsync(evt, ledgerMessageId, cancellationToken);
    }
}

/// <summary>
/// Report delivery's FHIR channel: a FHIR referral of a partner whose server gets the write-back receives the report
/// there; an operator's later attempt queues a write of its own.
/// </summary>
internal sealed class FhirWriteBackReportChannel(IServiceProvider services) : IReportFhirChannel
{
    public bool WritesReportFor(StoredReferral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return referral.Referral.Source.Channel == FhirChannel.Name
            && services.GetService<FhirTaskWriteBack>() is { } writeBack
            && writeBack.IsOnFor(referral.PartnerId);
    }

    public async Task<bool> RequestReportWriteAsync(StoredReferral referral, string reportSha256, string ledgerMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return WritesReportFor(referral)
            && await services.GetRequiredService<FhirTaskWriteBack>().QueueReportDeliveryAsync(referral.ReferralId, referral.PartnerId, reportSha256, ledgerMessageId, cancellationToken);
    }
}
