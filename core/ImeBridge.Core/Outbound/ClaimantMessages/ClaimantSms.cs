using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound.Consent;
using ImeBridge.Core.Outbound.Templates;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// Sends one claimant SMS at most once: consent first (the referral's flag and the STOP/START ledger), then the
/// ledger's claim, the provider, and the ledger's answer. A provider that certainly did not take it and may later
/// (429, connection refused) releases the claim and asks the queue to retry; a refusal is recorded for the fallback.
/// </summary>
public sealed class ClaimantSms(
    ISmsSender sender,
    ISmsConsentLedger consent,
    IOutboundLedger ledger,
    IMessageTemplates templates,
    IOperatorAlerts alerts,
    TimeProvider time,
    ILogger<ClaimantSms> logger)
{
    /// <summary>Twilio's code for a recipient that replied STOP.</summary>
    private const string UnsubscribedRecipient = "21610";

    public async Task<OutboundOutcome> SendAsync(StoredReferral stored, ClaimantMessageDue due, object model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(due);
        var claimant = stored.Referral.Claimant;
        if (ClaimantMessageKinds.SmsTemplate(due.Kind) is not { } template || claimant?.Phone is not { Length: > 0 } phone || claimant.SmsConsent == false)
        {
            return OutboundOutcome.NotApplicable;
        }

        var messageId = $"sms:{due.Kind}:{due.ReferralId}:{due.AppointmentKey}";
        var now = time.GetUtcNow();
        var record = new OutboundRecord(messageId, OutboundChannels.Sms, due.ReferralId, ClaimantMessageKinds.Purpose(due.Kind), phone, OutboundStatuses.Claimed, null, null, now, now);
        if (await ledger.ClaimAsync(record, cancellationToken) is { } earlier)
        {
            return OutboundOutcomes.Of(earlier.Status);
        }

        if ((await consent.GetAsync(phone, cancellationToken)).OptedOut)
        {
            await ledger.UpdateAsync(messageId, OutboundStatuses.Suppressed, null, "opted-out", cancellationToken);
            return OutboundOutcome.Refused;
        }

        var text = templates.Render(template, OutboundChannels.Sms, claimant.PreferredLanguage, model).Text;
        try
        {
            var sent = await sender.SendAsync(new OutboundSms(messageId, phone, text), cancellationToken);
            await ledger.UpdateAsync(messageId, sent.Sent ? OutboundStatuses.Sent : OutboundStatuses.Outbox, sent.ProviderId, null, cancellationToken);
            logger.LogInformation("Referral {ReferralId}: SMS {Kind} handed to {Where} ({MessageId})", due.ReferralId, due.Kind, sent.Sent ? "the provider" : "the outbox", messageId);
            return OutboundOutcome.Sent;
        }
        catch (SmsSendException ex) when (ex.NotSent && ex.IsTransient)
        {
            await ledger.ReleaseAsync(messageId, CancellationToken.None);
            throw new OutboundDeliveryException($"SMS {messageId} not taken: {ex.Message}", isTransient: true, ex.RetryAfter, ex);
        }
        catch (SmsSendException ex) when (ex.NotSent)
        {
            var status = ex.ErrorCode == UnsubscribedRecipient ? OutboundStatuses.Suppressed : OutboundStatuses.Failed;
            await ledger.UpdateAsync(messageId, status, null, ex.ErrorCode, CancellationToken.None);
            logger.LogWarning("Referral {ReferralId}: SMS {Kind} refused by the provider ({ErrorCode})", due.ReferralId, due.Kind, ex.ErrorCode ?? "no code");
            return OutboundOutcome.Refused;
        }
        catch (SmsSendException ex)
        {
            await ledger.UpdateAsync(messageId, OutboundStatuses.Unconfirmed, null, ex.ErrorCode, CancellationToken.None);
            await alerts.RaiseAsync(
                new OperatorAlert($"sms.unconfirmed:{messageId}", "sms.unconfirmed", due.ReferralId, $"SMS {due.Kind}: the provider's answer was lost ({ex.Message}); check before sending again", now),
                CancellationToken.None);
            return OutboundOutcome.Unconfirmed;
        }
    }
}
