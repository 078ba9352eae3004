using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>
/// The way in for every email, whatever brought it: keeps the raw bytes in the document store, queues
/// <see cref="EmailReceived"/> and returns. Nothing is read from the message here, so answering SendGrid or moving
/// the IMAP message happens only once the email is safe, and all the work (and its retries) is the queue's.
/// The same bytes again are a no-op: the queue ignores a message id it has seen (<c>email:{sha256}</c>).
/// </summary>
public sealed class InboundEmailIntake(IDocumentStore documents, IMessageQueue queue, TimeProvider time, ILogger<InboundEmailIntake> logger)
{
    public async Task<EmailReceipt> ReceiveAsync(ReadOnlyMemory<byte> rawMime, InboundAuthentication authentication, string via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(via);
        if (!EmailChannels.IsKnownVia(via))
        {
            throw new ArgumentException($"via must be '{EmailChannels.SendGrid}' or '{EmailChannels.Imap}'", nameof(via));
        }

        if (rawMime.IsEmpty)
        {
            throw new ArgumentException("the raw message is empty", nameof(rawMime));
        }

        var kept = await documents.PutAsync(rawMime, EmailChannels.MessageContentType, cancellationToken);
        var received = new EmailReceived(kept.Sha256, kept.Size, via, authentication.Spf, authentication.Dkim, time.GetUtcNow());
        var message = new QueueMessage(
            MessageId: received.EmailId,
            Type: EmailReceived.MessageType,
            SessionId: received.EmailId,
            Body: JsonSerializer.SerializeToUtf8Bytes(received, MessageJson.Options));
        await queue.SendAsync([message], cancellationToken);
        logger.LogInformation(
            "Email {EmailId} received via {Via} ({Size} bytes, SPF {Spf}, DKIM {Dkim}); queued",
            received.EmailId,
            via,
            kept.Size,
            authentication.Spf,
            authentication.Dkim);
        return new EmailReceipt(received.EmailId, kept.Sha256);
    }
}
