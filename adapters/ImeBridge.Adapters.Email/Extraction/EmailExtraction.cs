using ImeBridge.Core.Ports;
using MimeKit;

namespace ImeBridge.Adapters.Email.Extraction;

/// <summary>What <see cref="EmailReferralExtractor"/> found in one email. Holds message content: never log it.</summary>
/// <param name="Candidates">Referral sources in the order they were found; empty when none was recognisable.</param>
/// <param name="Attachments">Every file of the message, forwarded messages, winmail.dat and signed wrappers included; one per SHA-256.</param>
/// <param name="Missing">Why no usable referral was found: field paths and reasons, never a value. Empty when <paramref name="Candidates"/> is not.</param>
/// <param name="MessageId">The <c>Message-ID</c> header (without angle brackets), when there is one.</param>
/// <param name="ReplyTo">Where an acknowledgement goes: the first Reply-To address, else the first From address.</param>
/// <param name="From">The first From address: the sender the partner is resolved from.</param>
/// <param name="Automated">An auto-reply, bounce or list mail (Auto-Submitted, Precedence, MAILER-DAEMON): never answered, so two robots cannot loop.</param>
public sealed record EmailExtraction(
    IReadOnlyList<ReferralCandidate> Candidates,
    IReadOnlyList<EmailAttachment> Attachments,
    IReadOnlyList<FieldError> Missing,
    string? MessageId,
    MailboxAddress? From,
    MailboxAddress? ReplyTo,
    bool Automated)
{
    /// <summary>True when the referrals came from the message text rather than from a file.</summary>
    public bool FromMessageText => Candidates.Count > 0 && Candidates.All(c => c.Kind == ReferralCandidateKind.LabelledForm);
}
