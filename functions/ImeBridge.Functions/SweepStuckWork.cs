using ImeBridge.Core.Workflow.Stuck;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>
/// Every 5 minutes: raises an operator alert for each referral past its state's limit and each dead letter
/// (<see cref="StuckWorkSweep"/>). Timer triggers run on one instance at a time (a blob lease), and the alerts are
/// keyed, so a scaled-out app raises each once.
/// </summary>
public sealed class SweepStuckWork(StuckWorkSweep sweep)
{
    /// <summary>At 45 seconds past every fifth minute, away from the pollers' ticks at 0 and 30 seconds.</summary>
    public const string Schedule = "45 */5 * * * *";

    [Function(nameof(SweepStuckWork))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        await sweep.SweepAsync(cancellationToken);
}
