namespace ImeBridge.Core.Workflow;

/// <summary>
/// A step computed its case update from a read, and someone else wrote the case since (an operator re-issuing a link
/// while the booking ran, say): nothing was written. A message handler lets this escape so the queue delivers the
/// message again and the step is computed afresh; other callers read again and retry.
/// </summary>
public sealed class CaseChangedException(string referralId)
    : Exception($"the case of referral {referralId} changed while a step was computed from it; nothing was written")
{
    public string ReferralId { get; } = referralId;
}
