using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Tests.Store;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteReferralStoreContractTests : ReferralStoreContract, IAsyncLifetime, IAsyncDisposable
{
    private readonly SqliteFixture fixture = new();

    protected override Task<StoreUnderTest> CreateStoreAsync(FakeTimeProvider time) => Task.FromResult(Over(fixture.Open(), time));

    protected override async Task<StoreUnderTest> ReopenStoreAsync(FakeTimeProvider time) => Over(await fixture.ReopenAsync(), time);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();

    private static StoreUnderTest Over(SqliteDatabase database, FakeTimeProvider time) =>
        new(new SqliteReferralStore(database, time), new SqliteMessageQueue(database, time, new QueueOptions()));
}
