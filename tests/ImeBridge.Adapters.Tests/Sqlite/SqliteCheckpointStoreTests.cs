using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Tests.Support;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteCheckpointStoreTests
{
    private const string Acme = "fhir-poll:acme";

    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_key_never_set_reads_as_null()
    {
        await using var fixture = new SqliteFixture();
        var checkpoints = new SqliteCheckpointStore(fixture.Open(), new FakeTimeProvider(Start));

        Assert.Null(await checkpoints.GetAsync(Acme, CancellationToken.None));
    }

    [Fact]
    public async Task A_set_value_reads_back_and_records_when_it_was_set()
    {
        await using var fixture = new SqliteFixture();
        var time = new FakeTimeProvider(Start);
        var database = fixture.Open();
        var checkpoints = new SqliteCheckpointStore(database, time);

        await checkpoints.SetAsync(Acme, "2026-11-27T10:00:00.123Z", CancellationToken.None);

        Assert.Equal("2026-11-27T10:00:00.123Z", await checkpoints.GetAsync(Acme, CancellationToken.None));
        Assert.Equal(1, SqlitePeek.Count(database, "checkpoints", $"key = '{Acme}' AND updated_at = {Start.ToUnixTimeMilliseconds()}"));
    }

    [Fact]
    public async Task Setting_again_replaces_the_value_and_its_updated_at()
    {
        await using var fixture = new SqliteFixture();
        var time = new FakeTimeProvider(Start);
        var database = fixture.Open();
        var checkpoints = new SqliteCheckpointStore(database, time);
        await checkpoints.SetAsync(Acme, "2026-11-27T10:00:00.123Z", CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(5));
        await checkpoints.SetAsync(Acme, "2026-11-27T10:05:00.000Z", CancellationToken.None);

        Assert.Equal("2026-11-27T10:05:00.000Z", await checkpoints.GetAsync(Acme, CancellationToken.None));
        Assert.Equal(1, SqlitePeek.Count(database, "checkpoints"));
        Assert.Equal(1, SqlitePeek.Count(database, "checkpoints", $"updated_at = {time.GetUtcNow().ToUnixTimeMilliseconds()}"));
    }

    [Fact]
    public async Task A_value_survives_reopening_the_database_file()
    {
        await using var fixture = new SqliteFixture();
        var time = new FakeTimeProvider(Start);
        await new SqliteCheckpointStore(fixture.Open(), time).SetAsync(Acme, "2026-11-27T10:00:00.123Z", CancellationToken.None);

        var reopened = new SqliteCheckpointStore(await fixture.ReopenAsync(), time);

        Assert.Equal("2026-11-27T10:00:00.123Z", await reopened.GetAsync(Acme, CancellationToken.None));
    }

    [Fact]
    public async Task Keys_are_independent()
    {
        await using var fixture = new SqliteFixture();
        var checkpoints = new SqliteCheckpointStore(fixture.Open(), new FakeTimeProvider(Start));
        await checkpoints.SetAsync(Acme, "acme-1", CancellationToken.None);
        await checkpoints.SetAsync("fhir-poll:globex", "globex-1", CancellationToken.None);

        await checkpoints.SetAsync(Acme, "acme-2", CancellationToken.None);

        Assert.Equal("acme-2", await checkpoints.GetAsync(Acme, CancellationToken.None));
        Assert.Equal("globex-1", await checkpoints.GetAsync("fhir-poll:globex", CancellationToken.None));
        Assert.Null(await checkpoints.GetAsync("fhir-poll:ACME", CancellationToken.None));
        Assert.Null(await checkpoints.GetAsync("fhir-poll:initech", CancellationToken.None));
    }

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
