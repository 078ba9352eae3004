namespace ImeBridge.Core.Ports;

/// <summary>
/// Outbound email (acknowledgements to senders, claimant letters, report deliveries). SendGrid in production;
/// without credentials a local outbox that keeps each message as a file clearly marked as not sent.
/// </summary>
public interface IEmailSender
{
    /// <summary>Sends (or keeps) the message; the returned id names it in the provider or the outbox.</summary>
    Task<EmailSendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken);
}

/// <param name="MessageId">Our own id for this message, stable across retries (idempotency).</param>
/// <param name="InReplyTo">The <c>Message-ID</c> of the message this answers, when it is a reply.</param>
/// <param name="HtmlBody">The HTML alternative of <paramref name="TextBody"/>, when the template renders one.</param>
/// <param name="ReferralId">The referral it concerns, carried to the provider so its delivery events can be matched back.</param>
/// <param name="Purpose">What it is for (<c>appointment.letter</c>, <c>report.delivery</c> …), the provider's category.</param>
public sealed record OutboundEmail(
    string MessageId,
    string To,
    string Subject,
    string TextBody,
    string? InReplyTo = null,
    string? HtmlBody = null,
    string? ReferralId = null,
    string? Purpose = null);

/// <param name="Sent">False when the message was only written to the local outbox.</param>
/// <param name="Where">The provider's message id, or the outbox file.</param>
public sealed record EmailSendResult(bool Sent, string Where);
