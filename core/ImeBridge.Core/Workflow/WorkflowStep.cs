using ImeBridge.Core.Messaging;
using ImeBridge.Core.Workflow.Case;

namespace ImeBridge.Core.Workflow;

/// <summary>
/// One step a handler or operator takes on a referral: a move to <see cref="To"/>, or, when <see cref="To"/> is null,
/// a record on the timeline (<see cref="Event"/>) without a change of state. Either may update the case and emit more
/// messages; all of it is written in one transaction, idempotent on <see cref="MessageId"/>.
/// </summary>
public sealed record WorkflowStep(string? To, string Actor, string? Reason, string MessageId)
{
    /// <summary>The timeline event of a record (<c>documents.requested</c>, <c>qa.failed</c> …); for a move, <c>referral.{state}</c>.</summary>
    public string? Event { get; init; }

    /// <summary>The case after this step; null leaves it as it is.</summary>
    public ReferralCase? Case { get; init; }

    /// <summary>The report a move makes deliverable (ReportApproved), carried in its <see cref="ReferralStatusChanged"/>.</summary>
    public string? ReportSha256 { get; init; }

    /// <summary>Messages queued with the step (besides <see cref="ReferralStatusChanged"/> for a move).</summary>
    public IReadOnlyList<QueueMessage> Emit { get; init; } = [];

    public static WorkflowStep Move(string to, string actor, string? reason, string messageId) => new(to, actor, reason, messageId);

    public static WorkflowStep Record(string eventName, string actor, string? detail, string messageId) =>
        new(null, actor, detail, messageId) { Event = eventName };
}
