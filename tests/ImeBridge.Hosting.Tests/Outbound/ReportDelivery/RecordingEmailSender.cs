using System.Collections.Concurrent;
using ImeBridge.Core.Ports;

namespace ImeBridge.Hosting.Tests.Outbound.ReportDelivery;

/// <summary>An email provider that accepts every message and keeps it, to count what was sent.</summary>
internal sealed class RecordingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<OutboundEmail> sent = new();

    public IReadOnlyList<OutboundEmail> Sent => [.. sent];

    public Task<EmailSendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        sent.Enqueue(email);
        return Task.FromResult(new EmailSendResult(true, "sg-" + sent.Count));
    }
}
