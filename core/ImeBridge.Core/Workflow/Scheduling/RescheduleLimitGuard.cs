using System.Globalization;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>Refuses a move to Rescheduled once the referral was rescheduled <see cref="SchedulingOptions.MaxReschedules"/> times.</summary>
public sealed class RescheduleLimitGuard(IOptions<SchedulingOptions> options) : ITransitionGuard
{
    public string? WhyNot(StoredReferral stored, string to)
    {
        if (to != ReferralStatus.Rescheduled)
        {
            return null;
        }

        var max = options.Value.MaxReschedules;
        var done = SchedulingCounts.Reschedules(stored);
        return done < max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"the referral was rescheduled {done} times and at most {max} reschedules are allowed (scheduling.maxReschedules); cancel it instead");
    }
}
