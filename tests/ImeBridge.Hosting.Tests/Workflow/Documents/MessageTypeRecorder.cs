using System.Collections.Concurrent;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Workflow.Documents;

/// <summary>Records the bodies of one message type as the pump dispatches them (a stand-in for the outbound notifier).</summary>
internal sealed class MessageTypeRecorder<T>(string messageType) : IMessageHandler
    where T : class
{
    private readonly ConcurrentQueue<T> bodies = new();

    public string MessageType => messageType;

    public IReadOnlyList<T> Bodies => [.. bodies];

    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        bodies.Enqueue(WorkflowMessages.Read<T>(message));
        return Task.CompletedTask;
    }

    /// <summary>The first recorded body that matches, once the pump has dispatched it.</summary>
    public Task<T> WaitForAsync(Func<T, bool> match) =>
        Eventually.GetAsync(
            () => Task.FromResult(bodies.FirstOrDefault(match)),
            TimeSpan.FromSeconds(20),
            () => $"no matching {messageType} message was dispatched in time");

    public void Register(IServiceCollection services) => services.AddSingleton<IMessageHandler>(this);
}
