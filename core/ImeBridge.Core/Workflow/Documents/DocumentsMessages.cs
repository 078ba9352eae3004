namespace ImeBridge.Core.Workflow.Documents;

/// <summary>The messages of the documents step. Ids, kinds, hashes and instants only: never PHI, never a link token.</summary>
public static class DocumentsMessages
{
    /// <summary>The referrer must send the kinds in <see cref="DocumentsRequested.Missing"/>; the outbound notifier asks them.</summary>
    public const string DocumentsRequested = nameof(DocumentsRequested);

    /// <summary>The referrer sent documents (already in the document store); the handler adds them to the case.</summary>
    public const string DocumentsReceived = nameof(DocumentsReceived);

    /// <summary>The expert's packet is assembled and a link to it issued; the outbound notifier sends the link to the expert.</summary>
    public const string PacketReady = nameof(PacketReady);
}

/// <param name="Missing">Required kinds with no document yet (all of them, including any asked for before).</param>
/// <param name="NewlyRequested">The kinds this request asks for the first time.</param>
public sealed record DocumentsRequested(
    string ReferralId,
    string PartnerId,
    string? ExpertId,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> NewlyRequested,
    DateTimeOffset RequestedAt);

public sealed record DocumentsReceived(string ReferralId, string PartnerId, IReadOnlyList<ReceivedDocument> Documents, DateTimeOffset ReceivedAt);

/// <summary>One received document, its bytes in the document store under <paramref name="Sha256"/>.</summary>
public sealed record ReceivedDocument(string Kind, string Sha256, string ContentType, long Size);

/// <summary>
/// The URL is not carried: the notifier asks <see cref="PacketLinks.PathFor"/> for it when it writes to the expert, so
/// a bearer link to medical records never sits in a queue, a dead-letter store or a message trace.
/// </summary>
/// <param name="LinkId">The link in force when the packet was assembled; a notifier that finds another id in the case sends that one.</param>
public sealed record PacketReady(
    string ReferralId,
    string? ExpertId,
    string PacketSha256,
    long PacketSize,
    string LinkId,
    DateTimeOffset LinkExpiresAt);
