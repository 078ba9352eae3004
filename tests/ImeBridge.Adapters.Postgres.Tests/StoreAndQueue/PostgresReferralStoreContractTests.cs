using ImeBridge.Adapters.Tests.Store;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;

public sealed class PostgresReferralStoreContractTests : ReferralStoreContract, IAsyncLifetime, IAsyncDisposable
{
    private readonly PostgresCoreFixture fixture = new();

    protected override async Task<StoreUnderTest> CreateStoreAsync(FakeTimeProvider time) => Over(await fixture.OpenAsync(), time);

    protected override async Task<StoreUnderTest> ReopenStoreAsync(FakeTimeProvider time) => Over(await fixture.ReopenAsync(), time);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();

    private static StoreUnderTest Over(PostgresDatabase database, FakeTimeProvider time) =>
        new(new PostgresReferralStore(database, time), new PostgresMessageQueue(database, time, new QueueOptions()));
}
