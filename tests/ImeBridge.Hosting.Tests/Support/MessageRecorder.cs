using System.Collections.Concurrent;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>Records every dispatched message of one type. Registered after the app's handlers, it sees a message once they are done with it.</summary>
internal sealed class MessageRecorder(string messageType) : IMessageHandler
{
    private readonly ConcurrentQueue<ReceivedMessage> received = new();

    public string MessageType => messageType;

    public IReadOnlyList<ReceivedMessage> Received => [.. received];

    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        received.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> match, TimeSpan? timeout = null) =>
        Eventually.GetAsync(
            () => Task.FromResult(received.FirstOrDefault(match)),
            timeout ?? TimeSpan.FromSeconds(15),
            () => $"no {messageType} message was dispatched in time");
}
