using ImeBridge.Core.Experts;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Tests.Workflow.Scheduling;
using ImeBridge.Core.Workflow.Scheduling;

namespace ImeBridge.Core.Tests.Matching;

/// <summary>An expert directory over a list, filtering as the SQLite one does.</summary>
internal sealed class ListDirectory(params Expert[] experts) : IExpertDirectory
{
    /// <summary>The slots held by referrals.</summary>
    public InMemoryBookings Bookings { get; } = new();

    public Task UpsertAsync(IReadOnlyList<Expert> added, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Expert?> GetAsync(string expertId, CancellationToken cancellationToken) =>
        Task.FromResult(experts.FirstOrDefault(e => e.ExpertId == expertId));

    public Task<IReadOnlyList<Expert>> ListAsync(ExpertFilter filter, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Expert>>([.. experts
            .Where(e => filter.SpecialtyCode is null || e.Specialties.Any(s => s.Code == filter.SpecialtyCode))
            .Where(e => filter.LicensedState is null || e.LicensedStates.Contains(filter.LicensedState))
            .Where(e => filter.Active is null || e.Active == filter.Active)
            .OrderBy(e => e.ExpertId, StringComparer.Ordinal)]);

    public Task<bool> RemoveAsync(string expertId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ExpertBooking>> ListBookingsAsync(string expertId, CancellationToken cancellationToken) => Bookings.ListAsync(expertId);

    public Task<bool> TryBookAsync(ExpertBooking booking, int? capacityPerDay, CancellationToken cancellationToken) => Bookings.TryBookAsync(booking, capacityPerDay);

    public Task<bool> ReleaseAsync(string referralId, CancellationToken cancellationToken) => Bookings.ReleaseAsync(referralId);
}
