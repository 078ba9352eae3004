using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// Issues a new link to a referral's packet (an operator's re-issue): the new link id replaces the old in the case, so the
/// old link stops working, a <c>packet.linkIssued</c> entry records who and until when, and <see cref="PacketReady"/>
/// goes out again so the expert is sent the new link.
/// </summary>
public sealed class PacketLinkIssuer(IReferralStore store, PacketLinks links, ReferralWorkflow workflow)
{
    private const int MaxAttempts = 3;

    public async Task<PacketLinkIssue> IssueAsync(string referralId, string actor, string messageId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(referralId, cancellationToken);
            if (stored?.Case.Documents is not { Packet: { } packet } documents)
            {
                return new PacketLinkIssue(stored is null ? PacketLinkIssueResult.NotFound : PacketLinkIssueResult.NoPacket, null, null);
            }

            var link = links.NewLink(actor);
            var replaced = documents.Link is { } old ? $"; replaces link {old.LinkId}" : "";
            var ready = new PacketReady(referralId, stored.Case.Match?.ExpertId, packet.Sha256, packet.Size, link.LinkId, link.ExpiresAt);
            var step = WorkflowStep.Record("packet.linkIssued", actor, $"link {link.LinkId} expires {link.ExpiresAt:O}{replaced}", messageId) with
            {
                Case = stored.Case with { Documents = documents with { Link = link } },
                Emit = [WorkflowMessages.Create(DocumentsMessages.PacketReady, referralId, messageId, ready)],
            };
            TransitionOutcome outcome;
            try
            {
                outcome = await workflow.ApplyAsync(stored, step, cancellationToken);
            }
            catch (CaseChangedException)
            {
                continue;
            }

            if (outcome.Result == TransitionResult.Applied)
            {
                return new PacketLinkIssue(PacketLinkIssueResult.Issued, link, PacketLinks.PathPrefix + links.TokenFor(referralId, link));
            }

            if (outcome.Result == TransitionResult.NotFound)
            {
                return new PacketLinkIssue(PacketLinkIssueResult.NotFound, null, null);
            }
        }

        return new PacketLinkIssue(PacketLinkIssueResult.Busy, null, null);
    }
}

public enum PacketLinkIssueResult
{
    Issued,
    NotFound,

    /// <summary>No packet has been assembled yet: there is nothing to link to.</summary>
    NoPacket,

    /// <summary>The referral kept changing under the request; try again.</summary>
    Busy,
}

/// <param name="Path">The link's path (<c>/api/packets/{token}</c>): hand it to the expert, never log it.</param>
public sealed record PacketLinkIssue(PacketLinkIssueResult Result, CasePacketLink? Link, string? Path);
