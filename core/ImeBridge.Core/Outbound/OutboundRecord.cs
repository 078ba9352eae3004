namespace ImeBridge.Core.Outbound;

/// <summary>One outbound message in the ledger.</summary>
/// <param name="MessageId">Our id, stable across retries: e.g. <c>sms:reminder-24h:{referralId}:{appointmentKey}</c>.</param>
/// <param name="Channel">One of <see cref="OutboundChannels"/>.</param>
/// <param name="Purpose">What it is for: <c>appointment.notice</c>, <c>reminder.24h</c>, <c>report.delivery</c> …</param>
/// <param name="Recipient">The address it goes to (E.164, email, URL). PHI: stored, never logged.</param>
/// <param name="Status">One of <see cref="OutboundStatuses"/>.</param>
/// <param name="ProviderId">Twilio's SID, SendGrid's message id, the outbox file; null before the provider answered.</param>
/// <param name="Detail">The provider's error code or reason (never a body).</param>
public sealed record OutboundRecord(
    string MessageId,
    string Channel,
    string ReferralId,
    string Purpose,
    string Recipient,
    string Status,
    string? ProviderId,
    string? Detail,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
