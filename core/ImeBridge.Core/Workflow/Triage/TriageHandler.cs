using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Linking;

namespace ImeBridge.Core.Workflow.Triage;

/// <summary>
/// The workflow's first step, on <see cref="ReferralReceived"/>. A referral for the same claim and claimant as an open
/// one (by any channel, from any partner) moves to Linked, naming the referral the exam goes on in, which is told in
/// its own session (<see cref="ReferralLinked"/>). Otherwise a referral that can be scheduled moves to Triaged; one
/// that cannot moves to NeedsInfo, with what is missing as the reason (on the timeline, and in the
/// <see cref="ReferralStatusChanged"/> that tells the referrer).
/// </summary>
public sealed class TriageHandler(IReferralStore store, ReferralWorkflow workflow) : IMessageHandler
{
    public const string Actor = "imebridge:triage";

    public string MessageType => MessageTypes.ReferralReceived;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var received = JsonSerializer.Deserialize<ReferralReceived>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidOperationException("empty ReferralReceived body");
        var stored = await store.GetAsync(received.ReferralId, cancellationToken);
        if (stored is null || stored.Status != ReferralStatus.Received)
        {
            return;
        }

        if (await DuplicateReferrals.FindOriginalAsync(store, stored, cancellationToken) is { } original)
        {
            await workflow.ApplyAsync(stored, ReferralTriage.LinkStep(stored, original, Actor, message.MessageId + ":link"), cancellationToken);
            return;
        }

        var missing = ReferralTriage.Missing(stored.Referral);
        var (to, reason) = missing.Count == 0
            ? (ReferralStatus.Triaged, "complete: claimant reachable, jurisdiction, specialty and questions present" + SpecialtyNote(stored.Referral))
            : (ReferralStatus.NeedsInfo, "missing: " + string.Join("; ", missing));
        await workflow.MoveAsync(stored, to, Actor, reason, message.MessageId + ":triage", cancellationToken);
    }

    // Names the rule, never the injury words it matched (a claim narrative is PHI).
    private static string SpecialtyNote(Model.Referral referral) =>
        !string.IsNullOrWhiteSpace(referral.Request.Specialty) || ReferralTriage.SpecialtyFromInjury(referral) is not { } match
            ? string.Empty
            : $"; specialty {match.Specialty.Name} ({match.Specialty.NuccCode}) from the injury by rule {match.Rule.Id}";
}
