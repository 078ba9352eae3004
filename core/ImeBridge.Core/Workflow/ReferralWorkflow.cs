using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Workflow;

/// <summary>
/// Applies workflow steps: checks a move against <see cref="WorkflowTransitions"/> and every <see cref="ITransitionGuard"/>,
/// then in one store transaction sets the state, updates the case, appends the timeline entry and emits
/// <see cref="ReferralStatusChanged"/> (and the step's own messages) in the referral's session. A move that is not
/// allowed is refused, recorded on the timeline with the reason, and never applied. Idempotent on the step's message id.
/// </summary>
public sealed class ReferralWorkflow(IReferralStore store, IEnumerable<ITransitionGuard> guards, TimeProvider time, ILogger<ReferralWorkflow> logger)
{
    private const int MaxAttempts = 3;
    private readonly ITransitionGuard[] guards = [.. guards];

    /// <returns>The outcome; <see cref="TransitionResult.StateChanged"/> also stands for a refused move (see the timeline).</returns>
    public Task<TransitionOutcome> MoveAsync(string referralId, string to, string actor, string? reason, string messageId, CancellationToken cancellationToken) =>
        ApplyAsync(referralId, null, WorkflowStep.Move(to, actor, reason, messageId), cancellationToken);

    /// <summary>As the other overload, starting from <paramref name="justRead"/> (a step that has just read the referral saves a read).</summary>
    public Task<TransitionOutcome> MoveAsync(StoredReferral justRead, string to, string actor, string? reason, string messageId, CancellationToken cancellationToken) =>
        ApplyAsync(justRead, WorkflowStep.Move(to, actor, reason, messageId), cancellationToken);

    /// <summary>
    /// Applies <paramref name="step"/> starting from <paramref name="justRead"/>. A step that carries a case update was
    /// computed from that read, so when the referral moved meanwhile it is not retried: the outcome says
    /// <see cref="TransitionResult.StateChanged"/> and the caller decides again from a fresh read.
    /// </summary>
    public Task<TransitionOutcome> ApplyAsync(StoredReferral justRead, WorkflowStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(justRead);
        return ApplyAsync(justRead.ReferralId, justRead, step, cancellationToken);
    }

    /// <summary>Why <paramref name="stored"/> may not move to <paramref name="to"/>, or null when it may.</summary>
    public string? WhyNot(StoredReferral stored, string to)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return WorkflowTransitions.WhyNot(stored.Status, to) ?? guards.Select(g => g.WhyNot(stored, to)).FirstOrDefault(r => r is not null);
    }

    private async Task<TransitionOutcome> ApplyAsync(string referralId, StoredReferral? justRead, WorkflowStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var maxAttempts = step.Case is null ? MaxAttempts : 1;
        for (var attempt = 1; ; attempt++)
        {
            // Read again after a lost race: the state the move starts from must be the stored one.
            var stored = attempt == 1 && justRead is not null ? justRead : await store.GetAsync(referralId, cancellationToken);
            if (stored is null)
            {
                return new TransitionOutcome(TransitionResult.NotFound, null);
            }

            if (stored.Timeline.Any(e => e.MessageId == step.MessageId))
            {
                return new TransitionOutcome(TransitionResult.AlreadyApplied, stored.Status);
            }

            var now = time.GetUtcNow();
            if (step.To is { } target && WhyNot(stored, target) is { } refusal)
            {
                await store.AppendTimelineAsync(
                    referralId,
                    new TimelineEntry(now, "transition.refused", stored.Status, step.Actor, step.MessageId, $"to {target}: {refusal}"),
                    cancellationToken);
                logger.LogWarning("Referral {ReferralId}: transition {From} → {To} refused", referralId, stored.Status, target);
                return new TransitionOutcome(TransitionResult.StateChanged, stored.Status) { Refusal = refusal };
            }

            var outcome = await store.TransitionAsync(Transition(stored, step, now) with { ExpectedCaseVersion = step.Case is null ? null : stored.CaseVersion }, cancellationToken);
            if (outcome.Result == TransitionResult.CaseChanged)
            {
                throw new CaseChangedException(referralId);
            }

            if (outcome.Result != TransitionResult.StateChanged || attempt >= maxAttempts)
            {
                if (outcome.Result == TransitionResult.Applied && step.To is not null)
                {
                    logger.LogInformation("Referral {ReferralId}: {From} → {To} by {Actor}", referralId, stored.Status, step.To, step.Actor);
                }

                return outcome;
            }
        }
    }

    private static ReferralTransition Transition(StoredReferral stored, WorkflowStep step, DateTimeOffset now)
    {
        if (step.To is not { } to)
        {
            var eventName = step.Event ?? throw new ArgumentException("a step without a target state needs an event name", nameof(step));
            return new ReferralTransition(
                stored.ReferralId,
                stored.Status,
                stored.Status,
                new TimelineEntry(now, eventName, stored.Status, step.Actor, step.MessageId, step.Reason),
                step.Emit) { Case = step.Case };
        }

        var changed = new ReferralStatusChanged(stored.ReferralId, stored.PartnerId, stored.Referral.Source.Channel ?? "", to, now, step.Reason, step.ReportSha256);
        return new ReferralTransition(
            stored.ReferralId,
            stored.Status,
            to,
            new TimelineEntry(now, EventName(to), to, step.Actor, step.MessageId, step.Reason),
            [WorkflowMessages.Create(MessageTypes.ReferralStatusChanged, stored.ReferralId, step.MessageId, changed), .. step.Emit]) { Case = step.Case };
    }

    /// <summary><c>referral.triaged</c>, <c>referral.needsInfo</c> …: the timeline's event for entering a state.</summary>
    public static string EventName(string state) => "referral." + char.ToLowerInvariant(state[0]) + state[1..];
}
