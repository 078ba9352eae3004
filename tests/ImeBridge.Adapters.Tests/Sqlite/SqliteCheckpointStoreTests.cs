using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Tests.Contracts;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteCheckpointStoreTests : CheckpointStoreContract
{
    private const string Acme = "fhir-poll:acme";

    protected override Task<PortsDatabase> CreateDatabaseAsync() => SqlitePortsDatabase.CreateAsync();

    [Fact]
    public async Task The_registration_helper_exposes_the_checkpoint_store()
    {
        using var folder = new TempFolder();
        await using var provider = new ServiceCollection().AddImeBridgeSqlite(folder.File("imebridge.db")).BuildServiceProvider();

        var checkpoints = provider.GetRequiredService<ICheckpointStore>();

        Assert.IsType<SqliteCheckpointStore>(checkpoints);
        Assert.Same(provider.GetRequiredService<SqliteCheckpointStore>(), checkpoints);
        await checkpoints.SetAsync(Acme, "2026-11-27T10:00:00.123Z", CancellationToken.None);
        Assert.Equal("2026-11-27T10:00:00.123Z", await checkpoints.GetAsync(Acme, CancellationToken.None));
    }
}
