using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Tests.Contracts;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Experts;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.Tests.Sqlite;

/// <summary>The sample experts stored in SQLite (<see cref="ExpertDirectoryContract"/>), and its migration and registration.</summary>
public sealed class SqliteExpertDirectoryTests : ExpertDirectoryContract
{
    protected override Task<PortsDatabase> CreateDatabaseAsync() => SqlitePortsDatabase.CreateAsync();

    [Fact]
    public async Task Migration_4_creates_the_expert_tables()
    {
        await using var fixture = new SqliteFixture();
        var database = fixture.Open();

        Assert.Equal(1, SqlitePeek.Count(database, "schema_migrations", "version = 4 AND name = 'experts'"));
        Assert.Equal(0, SqlitePeek.Count(database, "experts"));
        Assert.Equal(1, SqlitePeek.Count(database, "sqlite_master", "type = 'index' AND name = 'expert_specialties_by_code'"));
        Assert.Equal(1, SqlitePeek.Count(database, "sqlite_master", "type = 'index' AND name = 'expert_licensed_states_by_state'"));
    }

    [Fact]
    public async Task The_registration_helper_exposes_the_expert_directory()
    {
        using var folder = new TempFolder();
        await using var provider = new ServiceCollection().AddImeBridgeSqlite(folder.File("imebridge.db")).BuildServiceProvider();

        var directory = provider.GetRequiredService<IExpertDirectory>();

        Assert.Same(provider.GetRequiredService<SqliteExpertDirectory>(), directory);
        Assert.Empty(await directory.ListAsync(ExpertFilter.All, CancellationToken.None));
    }
}
