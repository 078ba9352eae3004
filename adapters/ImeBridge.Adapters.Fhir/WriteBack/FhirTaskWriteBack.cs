using System.Text.Json;
using ImeBridge.Adapters.Fhir.Partners;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Fhir.WriteBack;

/// <summary>
/// Puts <see cref="FhirTaskUpdate"/> messages on the queue, in the referral's session so the partner's server sees
/// the states in order, for partners with a FHIR server and write-back on. The message id is derived from the event
/// it reports, so reporting the same event twice writes once.
/// </summary>
public sealed class FhirTaskWriteBack(IMessageQueue queue, IReferralStore referrals, IOptions<FhirOptions> options, TimeProvider time, ILogger<FhirTaskWriteBack> logger)
{
    public bool IsOnFor(string partnerId) => options.Value.For(partnerId) is { Server: not null, WriteBack: true };

    /// <summary>A ServiceRequest from the partner's server was refused before it became a referral.</summary>
    public async Task QueueRejectedAsync(string partnerId, string rejectionId, FhirServiceRequestRef? serviceRequest, IReadOnlyList<Core.Ports.FieldError> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsOnFor(partnerId) || serviceRequest is null)
        {
            return;
        }

        var update = new FhirTaskUpdate(partnerId, rejectionId, "Rejected", time.GetUtcNow(), serviceRequest, errors.Select(e => $"{e.Path}: {e.Reason}").ToList());
        await SendAsync(update, $"{FhirTaskUpdate.MessageType}:{rejectionId}", rejectionId, cancellationToken);
    }

    /// <summary>A FHIR referral reached <paramref name="status"/>; <paramref name="eventId"/> names the event (its message id).</summary>
    public async Task QueueForReferralAsync(
        string referralId,
        string partnerId,
        string status,
        DateTimeOffset at,
        string eventId,
        string? reason,
        string? reportSha256,
        CancellationToken cancellationToken)
    {
        if (!IsOnFor(partnerId))
        {
            return;
        }

        var stored = await referrals.GetAsync(referralId, cancellationToken);
        var serviceRequest = stored is null ? null : ServiceRequestOf(stored.Referral);
        if (serviceRequest is null)
        {
            logger.LogWarning("Referral {ReferralId} of partner {PartnerId} names no ServiceRequest on the partner's server; its status is not written back", referralId, partnerId);
            return;
        }

        var update = new FhirTaskUpdate(partnerId, referralId, status, at, serviceRequest, reason is null ? [] : [reason], reportSha256);
        await SendAsync(update, $"{FhirTaskUpdate.MessageType}:{eventId}", referralId, cancellationToken);
    }

    /// <summary>
    /// An operator serves the referrer again by the write-back: the approved report and the Task once more, settled as
    /// <paramref name="deliveryId"/>; false when the partner no longer gets the write-back or the referral names no ServiceRequest.
    /// </summary>
    public async Task<bool> QueueReportDeliveryAsync(string referralId, string partnerId, string reportSha256, string deliveryId, CancellationToken cancellationToken)
    {
        if (!IsOnFor(partnerId))
        {
            return false;
        }

        var stored = await referrals.GetAsync(referralId, cancellationToken);
        if (stored is null || ServiceRequestOf(stored.Referral) is not { } serviceRequest)
        {
            return false;
        }

        var update = new FhirTaskUpdate(partnerId, referralId, "ReportApproved", time.GetUtcNow(), serviceRequest, [], reportSha256, deliveryId);
        await SendAsync(update, $"{FhirTaskUpdate.MessageType}:{deliveryId}", referralId, cancellationToken);
        return true;
    }

    private static FhirServiceRequestRef? ServiceRequestOf(Core.Model.Referral referral)
    {
        var extensions = referral.Extensions;
        string? location = extensions.TryGetValue(ReferralMapping.ServiceRequestExtension, out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        string? system = null;
        string? value = null;
        if (extensions.TryGetValue(ReferralMapping.ServiceRequestIdentifierExtension, out var identifier) && identifier.ValueKind == JsonValueKind.Object)
        {
            system = identifier.TryGetProperty("system", out var s) ? s.GetString() : null;
            value = identifier.TryGetProperty("value", out var v) ? v.GetString() : null;
        }

        return location is null && value is null ? null : new FhirServiceRequestRef(location, system, value, VersionId: null);
    }

    private Task SendAsync(FhirTaskUpdate update, string messageId, string sessionId, CancellationToken cancellationToken) =>
        queue.SendAsync(
            [new QueueMessage(messageId, FhirTaskUpdate.MessageType, sessionId, JsonSerializer.SerializeToUtf8Bytes(update, MessageJson.Options))],
            cancellationToken);
}
