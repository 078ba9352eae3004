using ImeBridge.Core.Workflow.Scheduling;

namespace ImeBridge.Core.Tests.Workflow.Scheduling;

/// <summary>Expert bookings in a list, with the rules of <c>IExpertDirectory.TryBookAsync</c>, for the test directories.</summary>
internal sealed class InMemoryBookings
{
    private readonly List<ExpertBooking> bookings = [];
    private readonly Lock gate = new();

    public IReadOnlyList<ExpertBooking> All
    {
        get
        {
            lock (gate)
            {
                return [.. bookings];
            }
        }
    }

    public Task<IReadOnlyList<ExpertBooking>> ListAsync(string expertId)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ExpertBooking>>([.. bookings.Where(b => b.ExpertId == expertId).OrderBy(b => b.Start)]);
        }
    }

    public Task<bool> TryBookAsync(ExpertBooking booking, int? capacityPerDay)
    {
        lock (gate)
        {
            var others = bookings.Where(b => b.ExpertId == booking.ExpertId && b.ReferralId != booking.ReferralId).ToList();
            if (others.Any(b => b.Start == booking.Start) || (capacityPerDay is { } capacity && others.Count(b => b.LocalDate == booking.LocalDate) >= capacity))
            {
                return Task.FromResult(false);
            }

            bookings.RemoveAll(b => b.ReferralId == booking.ReferralId);
            bookings.Add(booking);
            return Task.FromResult(true);
        }
    }

    public Task<bool> ReleaseAsync(string referralId)
    {
        lock (gate)
        {
            return Task.FromResult(bookings.RemoveAll(b => b.ReferralId == referralId) > 0);
        }
    }
}
