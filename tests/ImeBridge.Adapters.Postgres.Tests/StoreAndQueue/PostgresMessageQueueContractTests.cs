using ImeBridge.Adapters.Tests.Queue;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;

public sealed class PostgresMessageQueueContractTests : MessageQueueContract, IAsyncLifetime, IAsyncDisposable
{
    private readonly PostgresCoreFixture fixture = new();

    protected override async Task<IMessageQueue> CreateQueueAsync(FakeTimeProvider time, QueueOptions options) =>
        new PostgresMessageQueue(await fixture.OpenAsync(), time, options);

    protected override async Task<IMessageQueue> ReopenQueueAsync(FakeTimeProvider time, QueueOptions options) =>
        new PostgresMessageQueue(await fixture.ReopenAsync(), time, options);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();
}
