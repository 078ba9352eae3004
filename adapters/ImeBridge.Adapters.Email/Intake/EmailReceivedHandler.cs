using System.Text.Json;
using ImeBridge.Adapters.Email.Extraction;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>
/// Works on one kept email (<see cref="EmailReceived"/>): extracts, resolves the partner from the sender, keeps the
/// attachments, takes in each referral (delivery id <c>email:{sha256}</c>), records a triage entry when there is
/// nothing usable or the sender cannot be trusted, and answers the sender. Every step is idempotent, so a retry
/// after a crash stores nothing twice and the answer (message id <c>ack:{sha256}</c>) goes once.
/// Logs carry the email id, partner id and counts, never the message's content.
/// </summary>
public sealed class EmailReceivedHandler(
    IDocumentStore documents,
    EmailReferralExtractor extractor,
    EmailPartnerResolver partners,
    EmailReferralIntake referrals,
    EmailTriage triage,
    IEmailSender emailSender,
    IServiceScopeFactory scopes,
    ILogger<EmailReceivedHandler> logger) : IMessageHandler
{
    public string MessageType => EmailReceived.MessageType;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var email = JsonSerializer.Deserialize<EmailReceived>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidDataException($"message {message.MessageId} has no body");
        var raw = await ReadRawAsync(email, cancellationToken);
        EmailExtraction extraction;
        using (var stream = new MemoryStream(raw, writable: false))
        {
            extraction = extractor.Extract(stream, fallbackExternalId: email.EmailId, cancellationToken);
        }

        var match = partners.Resolve(extraction.From?.Address);
        var refusals = Refusals(email, match, extraction);
        await using var scope = scopes.CreateAsyncScope();
        IReadOnlyList<ReferralOutcome> outcomes = [];
        IReadOnlyList<FieldError> triageReasons = refusals;
        if (refusals.Count == 0)
        {
            var taken = await referrals.TakeAsync(scope.ServiceProvider, email, raw, extraction, match!, cancellationToken);
            outcomes = taken.Outcomes;
            triageReasons = taken.TriageReasons;
        }

        var triageId = triageReasons.Count > 0
            ? await triage.RecordAsync(email, match?.Partner.Id, raw, triageReasons, cancellationToken)
            : null;
        var answered = await AnswerAsync(email, extraction, match is not null && refusals.Count == 0, outcomes, triageId, triageReasons, cancellationToken);
        logger.LogInformation(
            "Email {EmailId} from partner {PartnerId}: {Accepted} referrals accepted, {Rejected} rejected, triage {TriageId} ({TriageReasons} reasons), {Attachments} attachments, answered {Answered}",
            email.EmailId,
            match?.Partner.Id ?? "(none)",
            outcomes.Count(o => o.Accepted),
            outcomes.Count(o => !o.Accepted),
            triageId ?? "(none)",
            triageReasons.Count,
            extraction.Attachments.Count,
            answered);
    }

    private async Task<byte[]> ReadRawAsync(EmailReceived email, CancellationToken cancellationToken)
    {
        await using var stream = await documents.OpenAsync(email.Sha256, cancellationToken)
            ?? throw new InvalidOperationException($"the raw message of {email.EmailId} is not in the document store");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Reasons the message must not reach the workflow whatever it holds: a failed SPF/DKIM check, a sender who is not a partner.</summary>
    private static List<FieldError> Refusals(EmailReceived email, EmailPartnerMatch? match, EmailExtraction extraction)
    {
        var refusals = new List<FieldError>(email.Authentication.Failures());
        if (match is null)
        {
            refusals.Add(new FieldError("source.partnerId", extraction.From is null
                ? "the message has no sender (From) address"
                : "sender is not a configured partner"));
        }

        return refusals;
    }

    /// <summary>
    /// Answers a partner's message. An unknown or unauthenticated sender gets no answer: the From address may be forged,
    /// and auto-replies to it would be backscatter; nor does an auto-reply or bounce (mail loops).
    /// </summary>
    private async Task<string> AnswerAsync(
        EmailReceived email,
        EmailExtraction extraction,
        bool trustedPartner,
        IReadOnlyList<ReferralOutcome> outcomes,
        string? triageId,
        IReadOnlyList<FieldError> triageReasons,
        CancellationToken cancellationToken)
    {
        if (!trustedPartner)
        {
            return "no (sender not trusted)";
        }

        if (extraction.Automated)
        {
            return "no (automated message)";
        }

        if (extraction.ReplyTo?.Address is not { Length: > 0 } to)
        {
            return "no (no reply address)";
        }

        var inReplyTo = extraction.MessageId is null ? null : $"<{extraction.MessageId}>";
        await emailSender.SendAsync(EmailAcknowledgement.Compose(email, to, inReplyTo, outcomes, triageId, triageReasons), cancellationToken);
        return "yes";
    }
}
