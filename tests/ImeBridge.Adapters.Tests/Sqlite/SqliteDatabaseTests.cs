using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Adapters.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteDatabaseTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly SqliteFixture fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public void Connections_use_wal_full_sync_foreign_keys_and_a_busy_timeout()
    {
        var database = fixture.Open();

        Assert.Equal("wal", SqlitePeek.Pragma(database, "journal_mode"));
        Assert.Equal("2", SqlitePeek.Pragma(database, "synchronous"));
        Assert.Equal("1", SqlitePeek.Pragma(database, "foreign_keys"));
        Assert.Equal("10000", SqlitePeek.Pragma(database, "busy_timeout"));
    }

    [Fact]
    public async Task Migrations_are_applied_once_however_often_the_database_is_opened()
    {
        var database = fixture.Open();
        var latest = SchemaMigrator.All[^1].Version;
        Assert.Equal(latest, database.SchemaVersion);

        database = await fixture.ReopenAsync();
        database = await fixture.ReopenAsync();

        Assert.Equal(latest, database.SchemaVersion);
        Assert.Equal(SchemaMigrator.All.Count, SqlitePeek.Count(database, "schema_migrations"));
        Assert.Equal(0, SqlitePeek.Count(database, "referrals"));
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused()
    {
        var database = fixture.Open();
        await database.DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0);";
            command.ExecuteNonQuery();
        }

        Assert.Throws<InvalidOperationException>(() => new SqliteDatabase(fixture.DatabasePath));
    }

    [Fact]
    public async Task Disposing_finishes_every_write_already_queued()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var database = fixture.Open();
        var store = new SqliteReferralStore(database, time);
        var pending = Enumerable.Range(0, 500).Select(i => store.AcceptAsync(Referrals.New(time, deliveryId: $"d{i}"), CancellationToken.None)).ToList();

        await database.DisposeAsync();

        Assert.All(pending, task => Assert.True(task.IsCompletedSuccessfully));
        var reopened = fixture.Open();
        Assert.Equal(500, SqlitePeek.Count(reopened, "referrals"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AcceptAsync(Referrals.New(time), CancellationToken.None));
    }

    [Fact]
    public async Task A_committed_write_is_visible_to_a_second_instance_without_closing_the_first()
    {
        var time = TimeProvider.System;
        var first = new SqliteReferralStore(fixture.Open(), time);
        var referral = Referrals.New(time, deliveryId: "d1");
        await first.AcceptAsync(referral, CancellationToken.None);

        // As if the process had died right after the call returned: nothing may be waiting in memory.
        using var second = new SqliteDatabase(fixture.DatabasePath);

        Assert.NotNull(await new SqliteReferralStore(second, time).GetAsync(referral.ReferralId, CancellationToken.None));
    }
}
