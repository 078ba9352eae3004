using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Tests.Queue;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteMessageQueueContractTests : MessageQueueContract, IAsyncLifetime, IAsyncDisposable
{
    private readonly SqliteFixture fixture = new();

    protected override Task<IMessageQueue> CreateQueueAsync(FakeTimeProvider time, QueueOptions options) =>
        Task.FromResult<IMessageQueue>(new SqliteMessageQueue(fixture.Open(), time, options));

    protected override async Task<IMessageQueue> ReopenQueueAsync(FakeTimeProvider time, QueueOptions options) =>
        new SqliteMessageQueue(await fixture.ReopenAsync(), time, options);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();
}
