using ImeBridge.Core.Outbound.Timing;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Scheduling;

namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// The time zones a claimant may be in and the state whose quiet hours apply. When neither the referral, the address
/// nor the phone tells, the office's zone stands in: claimants are examined near where they live.
/// </summary>
public static class ClaimantWhereabouts
{
    public static (IReadOnlyCollection<string> Zones, string? State) Of(StoredReferral stored, CaseAppointment appointment)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(appointment);
        var claimant = stored.Referral.Claimant;
        var found = claimant is null ? ClaimantTimeZoneResult.Unknown : ClaimantTimeZone.Resolve(claimant);
        IReadOnlyCollection<string> zones = found.Candidates.Count > 0 ? found.Candidates : found.TimeZoneId is { } one ? [one] : [appointment.TimeZone];
        return (zones, claimant?.Address?.State);
    }
}
