using System.Collections.Concurrent;
using System.Text.Json;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>Records the referral ids of the <c>ReferralReceived</c> messages the pump dispatches.</summary>
internal sealed class RecordingMessageHandler : IMessageHandler
{
    private readonly ConcurrentQueue<ReferralReceived> received = new();

    public string MessageType => MessageTypes.ReferralReceived;

    public IReadOnlyList<ReferralReceived> Received => [.. received];

    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        received.Enqueue(JsonSerializer.Deserialize<ReferralReceived>(message.Body.Span, MessageJson.Options)!);
        return Task.CompletedTask;
    }

    public async Task<ReferralReceived?> WaitForAsync(string referralId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = received.FirstOrDefault(r => r.ReferralId == referralId);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        return null;
    }
}
