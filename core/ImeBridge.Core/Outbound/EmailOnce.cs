using System.Globalization;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Outbound;

/// <summary>
/// Sends one email at most once, whoever asks (a claimant's letter, a referrer's notice): claimed in the
/// <see cref="IOutboundLedger"/> before the provider is called, recorded after. A provider that certainly did not take
/// it and may later releases the claim and asks the queue to retry (<see cref="OutboundDeliveryException"/>); a refusal
/// is recorded <c>failed</c>; a lost answer is recorded <c>unconfirmed</c> with an operator alert, and never sent again.
/// </summary>
public sealed class EmailOnce(IEmailSender sender, IOutboundLedger ledger, IOperatorAlerts alerts, TimeProvider time)
{
    /// <param name="email">The message; its <see cref="OutboundEmail.MessageId"/> is the ledger's key and its <see cref="OutboundEmail.Purpose"/> the record's purpose.</param>
    public async Task<OutboundOutcome> SendAsync(string referralId, OutboundEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var now = time.GetUtcNow();
        var record = new OutboundRecord(email.MessageId, OutboundChannels.Email, referralId, email.Purpose ?? "email", email.To, OutboundStatuses.Claimed, null, null, now, now);
        if (await ledger.ClaimAsync(record, cancellationToken) is { } earlier)
        {
            return OutboundOutcomes.Of(earlier.Status);
        }

        try
        {
            var sent = await sender.SendAsync(email, cancellationToken);
            await ledger.UpdateAsync(email.MessageId, sent.Sent ? OutboundStatuses.Sent : OutboundStatuses.Outbox, sent.Where, null, cancellationToken);
            return OutboundOutcome.Sent;
        }
        catch (EmailSendException ex) when (ex.NotSent && ex.IsTransient)
        {
            await ledger.ReleaseAsync(email.MessageId, CancellationToken.None);
            throw new OutboundDeliveryException($"Email {email.MessageId} not taken: {ex.Message}", isTransient: true, ex.RetryAfter, ex);
        }
        catch (EmailSendException ex) when (ex.NotSent)
        {
            await ledger.UpdateAsync(email.MessageId, OutboundStatuses.Failed, null, ex.StatusCode?.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
            return OutboundOutcome.Refused;
        }
        catch (EmailSendException ex)
        {
            await ledger.UpdateAsync(email.MessageId, OutboundStatuses.Unconfirmed, null, null, CancellationToken.None);
            await alerts.RaiseAsync(
                new OperatorAlert($"email.unconfirmed:{email.MessageId}", "email.unconfirmed", referralId, $"email {record.Purpose}: the provider's answer was lost ({ex.Message}); check before sending again", now),
                CancellationToken.None);
            return OutboundOutcome.Unconfirmed;
        }
    }
}
