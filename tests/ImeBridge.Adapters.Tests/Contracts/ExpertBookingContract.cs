using ImeBridge.Core.Workflow.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Contracts;

/// <summary>Expert slots held by referrals: one referral per slot, one slot per referral, daily capacity; subclass once per adapter.</summary>
public abstract class ExpertBookingContract
{
    private const string Expert = "npi:1748512369";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 12, 2);

    protected abstract Task<PortsDatabase> CreateDatabaseAsync();

    private static ExpertBooking Booking(string referralId, int hourUtc, DateOnly? day = null) =>
        new(Expert, new DateTimeOffset(2026, 12, (day ?? Day).Day, hourUtc, 0, 0, TimeSpan.Zero), day ?? Day, "alb", referralId, Now);

    [Fact]
    public async Task A_held_slot_is_refused_to_another_referral_until_released_and_survives_a_restart()
    {
        await using var database = await CreateDatabaseAsync();
        var directory = database.Open().Experts(new FakeTimeProvider(Now));

        Assert.True(await directory.TryBookAsync(Booking("ref-1", 14), null, CancellationToken.None));
        Assert.True(await directory.TryBookAsync(Booking("ref-1", 14), null, CancellationToken.None));
        Assert.False(await directory.TryBookAsync(Booking("ref-2", 14), null, CancellationToken.None));

        var reopened = (await database.ReopenAsync()).Experts(new FakeTimeProvider(Now));
        Assert.Equal([Booking("ref-1", 14)], await reopened.ListBookingsAsync(Expert, CancellationToken.None));
        Assert.True(await reopened.ReleaseAsync("ref-1", CancellationToken.None));
        Assert.False(await reopened.ReleaseAsync("ref-1", CancellationToken.None));
        Assert.True(await reopened.TryBookAsync(Booking("ref-2", 14), null, CancellationToken.None));
    }

    [Fact]
    public async Task Booking_again_moves_the_referral_to_the_new_slot_and_frees_the_old_one()
    {
        await using var database = await CreateDatabaseAsync();
        var directory = database.Open().Experts(new FakeTimeProvider(Now));

        await directory.TryBookAsync(Booking("ref-1", 14), null, CancellationToken.None);
        await directory.TryBookAsync(Booking("ref-1", 16), null, CancellationToken.None);

        Assert.Equal([Booking("ref-1", 16)], await directory.ListBookingsAsync(Expert, CancellationToken.None));
        Assert.True(await directory.TryBookAsync(Booking("ref-2", 14), null, CancellationToken.None));
    }

    [Fact]
    public async Task The_daily_capacity_counts_other_referrals_on_the_same_local_date_only()
    {
        await using var database = await CreateDatabaseAsync();
        var directory = database.Open().Experts(new FakeTimeProvider(Now));
        await directory.TryBookAsync(Booking("ref-1", 14), 2, CancellationToken.None);
        await directory.TryBookAsync(Booking("ref-2", 15), 2, CancellationToken.None);

        Assert.False(await directory.TryBookAsync(Booking("ref-3", 16), 2, CancellationToken.None));
        Assert.True(await directory.TryBookAsync(Booking("ref-3", 16, new DateOnly(2026, 12, 3)), 2, CancellationToken.None));
        Assert.True(await directory.TryBookAsync(Booking("ref-2", 17), 2, CancellationToken.None));
    }

    [Fact]
    public async Task Of_many_referrals_booking_one_slot_at_once_exactly_one_holds_it()
    {
        await using var database = await CreateDatabaseAsync();
        var directory = database.Open().Experts(new FakeTimeProvider(Now));

        var attempts = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => directory.TryBookAsync(Booking($"ref-{i}", 14), null, CancellationToken.None)));

        Assert.Single(attempts, won => won);
        Assert.Single(await directory.ListBookingsAsync(Expert, CancellationToken.None));
    }

    [Fact]
    public async Task Two_instances_booking_one_day_at_once_never_exceed_its_capacity()
    {
        await using var database = await CreateDatabaseAsync();
        var first = database.Open().Experts(new FakeTimeProvider(Now));
        var second = database.Open().Experts(new FakeTimeProvider(Now));

        var attempts = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            (i % 2 == 0 ? first : second).TryBookAsync(Booking($"ref-{i}", 8 + i), 3, CancellationToken.None)));

        Assert.Equal(3, attempts.Count(won => won));
        Assert.Equal(3, (await first.ListBookingsAsync(Expert, CancellationToken.None)).Count);
    }
}
