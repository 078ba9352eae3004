using System.Globalization;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// After <see cref="SchedulingOptions.MaxNoShows"/> no-shows, a referral in NoShow may only end: Closed (or Cancelled or
/// Rejected, which end it too). Another reschedule is refused.
/// </summary>
public sealed class NoShowLimitGuard(IOptions<SchedulingOptions> options) : ITransitionGuard
{
    public string? WhyNot(StoredReferral stored, string to)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Status != ReferralStatus.NoShow || to is ReferralStatus.Closed or ReferralStatus.Cancelled or ReferralStatus.Rejected)
        {
            return null;
        }

        var max = options.Value.MaxNoShows;
        var missed = SchedulingCounts.NoShows(stored);
        return missed < max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"the claimant missed {missed} exams and at most {max} no-shows are allowed (scheduling.maxNoShows): only Closed may follow");
    }
}
