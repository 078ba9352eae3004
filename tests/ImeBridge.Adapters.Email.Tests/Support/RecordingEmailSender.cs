using System.Collections.Concurrent;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Email.Tests.Support;

/// <summary>Keeps what would have been sent; like the real senders, a message id seen before is not sent again.</summary>
internal sealed class RecordingEmailSender : IEmailSender
{
    private readonly ConcurrentDictionary<string, OutboundEmail> sent = new(StringComparer.Ordinal);

    public int Attempts { get; private set; }

    public IReadOnlyList<OutboundEmail> Sent => [.. sent.Values];

    public Task<EmailSendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        Attempts++;
        sent.TryAdd(email.MessageId, email);
        return Task.FromResult(new EmailSendResult(Sent: true, email.MessageId));
    }
}
