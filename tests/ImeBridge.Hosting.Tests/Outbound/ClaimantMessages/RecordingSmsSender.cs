using System.Collections.Concurrent;
using ImeBridge.Core.Outbound;

namespace ImeBridge.Hosting.Tests.Outbound.ClaimantMessages;

/// <summary>Plays the SMS provider: keeps every message with the (shifted) time it was handed over.</summary>
internal sealed class RecordingSmsSender(TimeProvider clock) : ISmsSender
{
    private readonly ConcurrentQueue<(OutboundSms Sms, DateTimeOffset At)> sent = new();

    public IReadOnlyList<(OutboundSms Sms, DateTimeOffset At)> Sent => [.. sent];

    public Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        sent.Enqueue((sms, clock.GetUtcNow()));
        return Task.FromResult(new SmsSendResult(Sent: true, ProviderId: "SM" + Guid.NewGuid().ToString("N"), Status: "queued"));
    }
}
