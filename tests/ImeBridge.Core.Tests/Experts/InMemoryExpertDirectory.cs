using ImeBridge.Core.Experts;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Tests.Workflow.Scheduling;
using ImeBridge.Core.Workflow.Scheduling;

namespace ImeBridge.Core.Tests.Experts;

/// <summary>A directory in a dictionary, recording each upsert call.</summary>
internal sealed class InMemoryExpertDirectory : IExpertDirectory
{
    private readonly SortedDictionary<string, Expert> experts = new(StringComparer.Ordinal);

    /// <summary>The slots held by referrals.</summary>
    public InMemoryBookings Bookings { get; } = new();

    public List<IReadOnlyList<Expert>> Upserts { get; } = [];

    public Task UpsertAsync(IReadOnlyList<Expert> batch, CancellationToken cancellationToken)
    {
        Upserts.Add(batch);
        foreach (var expert in batch)
        {
            experts[expert.ExpertId] = expert;
        }

        return Task.CompletedTask;
    }

    public Task<Expert?> GetAsync(string expertId, CancellationToken cancellationToken) =>
        Task.FromResult(experts.GetValueOrDefault(expertId));

    public Task<IReadOnlyList<Expert>> ListAsync(ExpertFilter filter, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Expert>>([.. experts.Values.Where(e =>
            (filter.Active is null || e.Active == filter.Active)
            && (filter.LicensedState is null || e.LicensedStates.Contains(filter.LicensedState))
            && (filter.SpecialtyCode is null || e.Specialties.Any(s => s.Code == filter.SpecialtyCode)))]);

    public Task<bool> RemoveAsync(string expertId, CancellationToken cancellationToken) => Task.FromResult(experts.Remove(expertId));

    public Task<IReadOnlyList<ExpertBooking>> ListBookingsAsync(string expertId, CancellationToken cancellationToken) => Bookings.ListAsync(expertId);

    public Task<bool> TryBookAsync(ExpertBooking booking, int? capacityPerDay, CancellationToken cancellationToken) => Bookings.TryBookAsync(booking, capacityPerDay);

    public Task<bool> ReleaseAsync(string referralId, CancellationToken cancellationToken) => Bookings.ReleaseAsync(referralId);
}
