using ImeBridge.Adapters.Tests.Queue;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.ServiceBus.Tests;

/// <summary>
/// The queue contract against the real Service Bus client talking to the in-process endpoint. Reopening opens a new
/// client and adapter as a restarted process would; the old one is left as a dead process leaves its locks: held until they expire.
/// </summary>
public sealed class ServiceBusMessageQueueContractTests : MessageQueueContract, IAsyncLifetime, IAsyncDisposable
{
    private ServiceBusFixture? fixture;

    protected override Task<IMessageQueue> CreateQueueAsync(FakeTimeProvider time, QueueOptions options)
    {
        fixture = new ServiceBusFixture(time, options);
        return Task.FromResult<IMessageQueue>(fixture.NewQueue(time, options));
    }

    protected override Task<IMessageQueue> ReopenQueueAsync(FakeTimeProvider time, QueueOptions options) =>
        Task.FromResult<IMessageQueue>(fixture!.NewQueue(time, options));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => ((IAsyncDisposable)this).DisposeAsync().AsTask();

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (fixture is not null)
        {
            await fixture.DisposeAsync();
            fixture = null;
        }
    }
}
