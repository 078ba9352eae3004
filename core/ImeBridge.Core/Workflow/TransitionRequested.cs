namespace ImeBridge.Core.Workflow;

/// <summary>
/// Body of the message that asks for a workflow transition (an operator's manual move, a step of the workflow).
/// Handled in the referral's session; a transition the current state does not allow is refused and recorded.
/// </summary>
/// <param name="Actor">Who asks: <c>operator:NAME</c>, <c>imebridge:triage</c>, <c>partner:ID</c>.</param>
/// <param name="Reason">Why, in words without PHI; recorded on the timeline.</param>
public sealed record TransitionRequested(string ReferralId, string To, string Actor, string? Reason = null)
{
    public const string MessageType = nameof(TransitionRequested);
}
