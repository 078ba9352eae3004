namespace ImeBridge.Core.Workflow;

/// <summary>
/// A rule a move must pass beyond <see cref="WorkflowTransitions"/>, judged on the referral and its case (a limit on
/// reschedules, say). Every registered guard is asked before any move; the first refusal wins and goes on the timeline.
/// </summary>
public interface ITransitionGuard
{
    /// <summary>Null when <paramref name="stored"/> may move to <paramref name="to"/>; otherwise why not, in words an operator reads, without PHI.</summary>
    string? WhyNot(Ports.StoredReferral stored, string to);
}
