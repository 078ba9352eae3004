using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// The documents step's decisions, shared by its handlers: with every required document at hand, assemble the packet,
/// issue its link and move to DocumentsReady (emitting <see cref="PacketReady"/>); otherwise ask the referrer for the
/// missing kinds (<c>documents.requested</c> and <see cref="DocumentsRequested"/>), never twice for the same kind.
/// </summary>
public sealed class DocumentsProgress(
    IDocumentStore documents,
    DocumentChecklist checklist,
    PacketAssembler assembler,
    PacketLinks links,
    ReferralWorkflow workflow,
    TimeProvider time,
    ILogger<DocumentsProgress> logger)
{
    public const string Actor = "imebridge:documents";

    /// <summary>The documents at hand and the checklist judged against them.</summary>
    public async Task<(DocumentInventory Inventory, ChecklistResult Checklist)> CheckAsync(StoredReferral stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var inventory = await DocumentInventory.GatherAsync(stored, documents, cancellationToken);
        return (inventory, checklist.Evaluate(stored.Referral, inventory.Kinds));
    }

    /// <summary>For a referral in ExpertMatched: on to DocumentsReady with the packet, or ask for what is missing.</summary>
    public async Task AdvanceAsync(StoredReferral stored, string stepId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var (inventory, result) = await CheckAsync(stored, cancellationToken);
        var current = stored.Case.Documents ?? CaseDocuments.Empty;
        if (result.IsComplete)
        {
            var (withPacket, emit, summary) = await PacketAsync(stored, inventory, Actor, stepId, cancellationToken);
            var reason = $"required {Kinds(result.Required.Select(r => r.Kind))} all present; {summary}";
            var move = WorkflowStep.Move(ReferralStatus.DocumentsReady, Actor, reason, stepId) with { Case = withPacket, Emit = emit };
            await workflow.ApplyAsync(stored, move, cancellationToken);
            return;
        }

        var newlyMissing = result.Missing.Except(current.Requested, StringComparer.Ordinal).ToList();
        if (newlyMissing.Count == 0)
        {
            logger.LogDebug("Referral {ReferralId}: still missing {MissingCount} document kinds, already asked for", stored.ReferralId, result.Missing.Count);
            return;
        }

        var now = time.GetUtcNow();
        var requested = current.Requested.Concat(newlyMissing).ToList();
        var rules = result.Required.Where(r => result.Missing.Contains(r.Kind)).SelectMany(r => r.RuleIds);
        var body = new DocumentsRequested(stored.ReferralId, stored.PartnerId, stored.Case.Match?.ExpertId, result.Missing, newlyMissing, now);
        var step = WorkflowStep.Record("documents.requested", Actor, $"missing {Kinds(result.Missing)} (rules {string.Join(", ", rules.Distinct())}); asked the referrer", stepId) with
        {
            Case = stored.Case with { Documents = current with { Requested = requested, RequestedAt = now } },
            Emit = [WorkflowMessages.Create(DocumentsMessages.DocumentsRequested, stored.ReferralId, stepId, body)],
        };
        await workflow.ApplyAsync(stored, step, cancellationToken);
        logger.LogInformation("Referral {ReferralId}: asked the referrer for {MissingCount} document kinds", stored.ReferralId, newlyMissing.Count);
    }

    /// <summary>
    /// Assembles a packet from what is at hand now and issues a new link, recorded as <c>packet.assembled</c> without a
    /// move: for a referral already past ExpertMatched that has no packet (an operator moved it by hand) or got a late document.
    /// </summary>
    public async Task ReassembleAsync(StoredReferral stored, string actor, string stepId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var (inventory, result) = await CheckAsync(stored, cancellationToken);
        var (withPacket, emit, summary) = await PacketAsync(stored, inventory, actor, stepId, cancellationToken);
        var missing = result.IsComplete ? "" : $"; still missing {Kinds(result.Missing)}";
        var step = WorkflowStep.Record("packet.assembled", actor, summary + missing, stepId) with { Case = withPacket, Emit = emit };
        await workflow.ApplyAsync(stored, step, cancellationToken);
    }

    private async Task<(Case.ReferralCase Case, IReadOnlyList<Messaging.QueueMessage> Emit, string Summary)> PacketAsync(
        StoredReferral stored,
        DocumentInventory inventory,
        string actor,
        string stepId,
        CancellationToken cancellationToken)
    {
        var packet = await assembler.AssembleAsync(stored, inventory, time.GetUtcNow(), cancellationToken);
        var link = links.NewLink(actor);
        var current = stored.Case.Documents ?? CaseDocuments.Empty;
        var ready = new PacketReady(stored.ReferralId, stored.Case.Match?.ExpertId, packet.Sha256, packet.Size, link.LinkId, link.ExpiresAt);
        var summary = $"packet sha256:{packet.Sha256} with {packet.Documents} documents ({Kinds(inventory.Kinds)}); link {link.LinkId} expires {link.ExpiresAt:O}";
        logger.LogInformation("Referral {ReferralId}: packet assembled with {DocumentCount} documents", stored.ReferralId, packet.Documents);
        return (
            stored.Case with { Documents = current with { Packet = packet, Link = link } },
            [WorkflowMessages.Create(DocumentsMessages.PacketReady, stored.ReferralId, stepId, ready)],
            summary);
    }

    private static string Kinds(IEnumerable<string> kinds) => kinds.Any() ? string.Join(", ", kinds.Distinct(StringComparer.Ordinal)) : "none";
}
