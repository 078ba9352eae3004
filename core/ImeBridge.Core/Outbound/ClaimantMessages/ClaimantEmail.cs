using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound.Templates;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// Sends one claimant email at most once (<see cref="EmailOnce"/>): the appointment letter, or a reminder whose SMS
/// could not be delivered, in the claimant's language.
/// </summary>
public sealed class ClaimantEmail(EmailOnce once, IMessageTemplates templates, ILogger<ClaimantEmail> logger)
{
    public async Task<OutboundOutcome> SendAsync(StoredReferral stored, ClaimantMessageDue due, object model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(due);
        var claimant = stored.Referral.Claimant;
        if (ClaimantMessageKinds.EmailTemplate(due.Kind) is not { } template || claimant?.Email is not { Length: > 0 } address)
        {
            return OutboundOutcome.NotApplicable;
        }

        var purpose = ClaimantMessageKinds.Purpose(due.Kind);
        var rendered = templates.Render(template, OutboundChannels.Email, claimant.PreferredLanguage, model);
        var email = new OutboundEmail($"email:{due.Kind}:{due.ReferralId}:{due.AppointmentKey}", address, rendered.Subject ?? string.Empty, rendered.Text, HtmlBody: rendered.Html, ReferralId: due.ReferralId, Purpose: purpose);
        var outcome = await once.SendAsync(due.ReferralId, email, cancellationToken);
        logger.LogInformation("Referral {ReferralId}: email {Kind} {Outcome} ({MessageId})", due.ReferralId, due.Kind, outcome, email.MessageId);
        return outcome;
    }
}
