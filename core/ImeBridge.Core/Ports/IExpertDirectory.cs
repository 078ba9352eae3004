using ImeBridge.Core.Experts;
using ImeBridge.Core.Workflow.Scheduling;

namespace ImeBridge.Core.Ports;

/// <summary>The directory of independent medical examiners, keyed by <see cref="Expert.ExpertId"/>.</summary>
public interface IExpertDirectory
{
    /// <summary>
    /// Adds each expert or replaces the stored one with the same id, all in one transaction: either every expert
    /// is stored or none is. Refused with <see cref="InvalidOperationException"/> when an NPI is already stored
    /// under another expert id.
    /// </summary>
    Task UpsertAsync(IReadOnlyList<Expert> experts, CancellationToken cancellationToken);

    /// <summary>The expert with <paramref name="expertId"/>, or null.</summary>
    Task<Expert?> GetAsync(string expertId, CancellationToken cancellationToken);

    /// <summary>The experts matching every criterion of <paramref name="filter"/>, ordered by id.</summary>
    Task<IReadOnlyList<Expert>> ListAsync(ExpertFilter filter, CancellationToken cancellationToken);

    /// <summary>Removes the expert; false when there was none with that id.</summary>
    Task<bool> RemoveAsync(string expertId, CancellationToken cancellationToken);

    /// <summary>The slots of <paramref name="expertId"/> held by referrals, ordered by start.</summary>
    Task<IReadOnlyList<ExpertBooking>> ListBookingsAsync(string expertId, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the slot for <see cref="ExpertBooking.ReferralId"/> in one transaction, releasing whatever that referral
    /// held before. False, and nothing changed, when another referral holds the slot (same expert and start) or when
    /// the expert already has <paramref name="capacityPerDay"/> bookings of other referrals on
    /// <see cref="ExpertBooking.LocalDate"/>. Booking the slot the referral already holds again is true.
    /// </summary>
    Task<bool> TryBookAsync(ExpertBooking booking, int? capacityPerDay, CancellationToken cancellationToken);

    /// <summary>Releases the slot <paramref name="referralId"/> holds; false when it held none.</summary>
    Task<bool> ReleaseAsync(string referralId, CancellationToken cancellationToken);
}
