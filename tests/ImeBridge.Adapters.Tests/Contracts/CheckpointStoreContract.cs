using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Contracts;

/// <summary>What every <see cref="Core.Ports.ICheckpointStore"/> must do; subclass once per adapter.</summary>
public abstract class CheckpointStoreContract
{
    private const string Acme = "fhir-poll:acme";

    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    protected abstract Task<PortsDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task A_key_never_set_reads_as_null()
    {
        await using var database = await CreateDatabaseAsync();
        var checkpoints = database.Open().Checkpoints(new FakeTimeProvider(Start));

        Assert.Null(await checkpoints.GetAsync(Acme, CancellationToken.None));
    }

    [Fact]
    public async Task A_set_value_reads_back_and_records_when_it_was_set()
    {
        await using var database = await CreateDatabaseAsync();
        var checkpoints = database.Open().Checkpoints(new FakeTimeProvider(Start));

        await checkpoints.SetAsync(Acme, "2026-11-27T10:00:00.123Z", CancellationToken.None);

        Assert.Equal("2026-11-27T10:00:00.123Z", await checkpoints.GetAsync(Acme, CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("checkpoints", $"key = '{Acme}' AND updated_at = {database.Instant(Start)}"));
    }

    [Fact]
    public async Task Setting_again_replaces_the_value_and_its_updated_at()
    {
        await using var database = await CreateDatabaseAsync();
        var time = new FakeTimeProvider(Start);
        var checkpoints = database.Open().Checkpoints(time);
        await checkpoints.SetAsync(Acme, "2026-11-27T10:00:00.123Z", CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(5));
        await checkpoints.SetAsync(Acme, "2026-11-27T10:05:00.000Z", CancellationToken.None);

        Assert.Equal("2026-11-27T10:05:00.000Z", await checkpoints.GetAsync(Acme, CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("checkpoints"));
        Assert.Equal(1, await database.CountAsync("checkpoints", $"updated_at = {database.Instant(time.GetUtcNow())}"));
    }

    [Fact]
    public async Task A_value_survives_reopening_the_database()
    {
        await using var database = await CreateDatabaseAsync();
        var time = new FakeTimeProvider(Start);
        await database.Open().Checkpoints(time).SetAsync(Acme, "2026-11-27T10:00:00.123Z", CancellationToken.None);

        var reopened = (await database.ReopenAsync()).Checkpoints(time);

        Assert.Equal("2026-11-27T10:00:00.123Z", await reopened.GetAsync(Acme, CancellationToken.None));
    }

    [Fact]
    public async Task Keys_are_independent()
    {
        await using var database = await CreateDatabaseAsync();
        var checkpoints = database.Open().Checkpoints(new FakeTimeProvider(Start));
        await checkpoints.SetAsync(Acme, "acme-1", CancellationToken.None);
        await checkpoints.SetAsync("fhir-poll:globex", "globex-1", CancellationToken.None);

        await checkpoints.SetAsync(Acme, "acme-2", CancellationToken.None);

        Assert.Equal("acme-2", await checkpoints.GetAsync(Acme, CancellationToken.None));
        Assert.Equal("globex-1", await checkpoints.GetAsync("fhir-poll:globex", CancellationToken.None));
        Assert.Null(await checkpoints.GetAsync("fhir-poll:ACME", CancellationToken.None));
        Assert.Null(await checkpoints.GetAsync("fhir-poll:initech", CancellationToken.None));
    }
}
