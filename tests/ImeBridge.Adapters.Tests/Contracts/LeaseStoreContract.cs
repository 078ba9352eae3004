using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Contracts;

/// <summary>What every <see cref="Core.Ports.ILeaseStore"/> must do; subclass once per adapter.</summary>
public abstract class LeaseStoreContract
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    protected abstract Task<PortsDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task A_held_lease_is_refused_to_others_until_it_expires_or_is_released()
    {
        await using var database = await CreateDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var leases = database.Open().Leases(time);

        Assert.True(await leases.TryAcquireAsync("sftp:acme", "instance-a", Minute, CancellationToken.None));
        Assert.False(await leases.TryAcquireAsync("sftp:acme", "instance-b", Minute, CancellationToken.None));
        Assert.True(await leases.TryAcquireAsync("sftp:globex", "instance-b", Minute, CancellationToken.None));

        // The holder renews; the lease then outlives the first minute.
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await leases.TryAcquireAsync("sftp:acme", "instance-a", Minute, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.False(await leases.TryAcquireAsync("sftp:acme", "instance-b", Minute, CancellationToken.None));

        // A holder that died: its lease expires on its own.
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(await leases.TryAcquireAsync("sftp:acme", "instance-b", Minute, CancellationToken.None));

        // Only the holder can give it back.
        await leases.ReleaseAsync("sftp:acme", "instance-a", CancellationToken.None);
        Assert.False(await leases.TryAcquireAsync("sftp:acme", "instance-a", Minute, CancellationToken.None));
        await leases.ReleaseAsync("sftp:acme", "instance-b", CancellationToken.None);
        Assert.True(await leases.TryAcquireAsync("sftp:acme", "instance-a", Minute, CancellationToken.None));
    }

    [Fact]
    public async Task Two_instances_on_the_same_database_never_both_hold_a_lease()
    {
        await using var database = await CreateDatabaseAsync();
        var first = database.Open().Leases(TimeProvider.System);
        var second = database.Open().Leases(TimeProvider.System);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? first : second).TryAcquireAsync("sftp:acme", $"instance-{i}", Minute, CancellationToken.None)));

        Assert.Single(attempts, taken => taken);
    }

    [Fact]
    public async Task A_lease_whose_holder_is_gone_is_taken_over_before_it_expires_and_a_live_holder_keeps_it()
    {
        await using var database = await CreateDatabaseAsync();
        var leases = database.Open().Leases(TimeProvider.System);
        Assert.True(await leases.TryAcquireAsync("sftp:acme", "killed-process", TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.True(await leases.TryAcquireAsync("sftp:globex", "running-process", TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.True(await leases.TryAcquireAsync("sftp:acme", "restarted", TimeSpan.FromMinutes(5), holder => holder == "killed-process", CancellationToken.None));
        Assert.False(await leases.TryAcquireAsync("sftp:globex", "restarted", TimeSpan.FromMinutes(5), holder => holder == "killed-process", CancellationToken.None));
        Assert.False(await leases.TryAcquireAsync("sftp:acme", "killed-process", TimeSpan.FromMinutes(5), CancellationToken.None));
    }
}
