using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Workflow;

/// <summary>
/// Applies workflow transitions: checks the move against <see cref="WorkflowTransitions"/>, then in one store
/// transaction sets the state, appends the timeline entry and emits <see cref="ReferralStatusChanged"/> in the
/// referral's session. A move the current state does not allow is refused, recorded on the timeline with the
/// reason, and never applied. Idempotent on the message id that asks for the move.
/// </summary>
public sealed class ReferralWorkflow(IReferralStore store, TimeProvider time, ILogger<ReferralWorkflow> logger)
{
    private const int MaxAttempts = 3;

    /// <returns>The outcome; <see cref="TransitionResult.StateChanged"/> also stands for a refused move (see the timeline).</returns>
    public Task<TransitionOutcome> MoveAsync(string referralId, string to, string actor, string? reason, string messageId, CancellationToken cancellationToken) =>
        MoveAsync(referralId, null, to, actor, reason, messageId, cancellationToken);

    /// <summary>As the other overload, starting from <paramref name="justRead"/> (a step that has just read the referral saves a read).</summary>
    public Task<TransitionOutcome> MoveAsync(StoredReferral justRead, string to, string actor, string? reason, string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(justRead);
        return MoveAsync(justRead.ReferralId, justRead, to, actor, reason, messageId, cancellationToken);
    }

    private async Task<TransitionOutcome> MoveAsync(string referralId, StoredReferral? justRead, string to, string actor, string? reason, string messageId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Read again after a lost race: the state the move starts from must be the stored one.
            var stored = attempt == 1 && justRead is not null ? justRead : await store.GetAsync(referralId, cancellationToken);
            if (stored is null)
            {
                return new TransitionOutcome(TransitionResult.NotFound, null);
            }

            if (stored.Timeline.Any(e => e.MessageId == messageId))
            {
                return new TransitionOutcome(TransitionResult.AlreadyApplied, stored.Status);
            }

            var now = time.GetUtcNow();
            if (WorkflowTransitions.WhyNot(stored.Status, to) is { } refusal)
            {
                await store.AppendTimelineAsync(
                    referralId,
                    new TimelineEntry(now, "transition.refused", stored.Status, actor, messageId, $"to {to}: {refusal}"),
                    cancellationToken);
                logger.LogWarning("Referral {ReferralId}: transition {From} → {To} refused", referralId, stored.Status, to);
                return new TransitionOutcome(TransitionResult.StateChanged, stored.Status);
            }

            var changed = new ReferralStatusChanged(referralId, stored.PartnerId, stored.Referral.Source.Channel ?? "", to, now, reason);
            var transition = new ReferralTransition(
                referralId,
                stored.Status,
                to,
                new TimelineEntry(now, EventName(to), to, actor, messageId, reason),
                [new QueueMessage($"{MessageTypes.ReferralStatusChanged}:{messageId}", MessageTypes.ReferralStatusChanged, referralId, JsonSerializer.SerializeToUtf8Bytes(changed, MessageJson.Options))]);
            var outcome = await store.TransitionAsync(transition, cancellationToken);
            if (outcome.Result != TransitionResult.StateChanged || attempt == MaxAttempts)
            {
                if (outcome.Result == TransitionResult.Applied)
                {
                    logger.LogInformation("Referral {ReferralId}: {From} → {To} by {Actor}", referralId, stored.Status, to, actor);
                }

                return outcome;
            }
        }
    }

    /// <summary><c>referral.triaged</c>, <c>referral.needsInfo</c> …: the timeline's event for entering a state.</summary>
    public static string EventName(string state) => "referral." + char.ToLowerInvariant(state[0]) + state[1..];
}
