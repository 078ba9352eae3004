namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// The documents step's part of the case: documents the referrer added after the referral, the kinds asked for, the
/// expert's packet and its link. Kinds, hashes, sizes and instants only: file names stay out (they often name the
/// claimant), and the link is kept as its id and expiry, never as a usable token.
/// </summary>
public sealed record CaseDocuments
{
    public static readonly CaseDocuments Empty = new();

    /// <summary>Documents received after the referral (the referral's own stay in the referral), oldest first.</summary>
    public IReadOnlyList<CaseDocument> Received { get; init; } = [];

    /// <summary>The kinds the referrer has been asked for; a kind is never asked for twice.</summary>
    public IReadOnlyList<string> Requested { get; init; } = [];

    public DateTimeOffset? RequestedAt { get; init; }

    /// <summary>The expert's packet, once every required document is in.</summary>
    public CasePacket? Packet { get; init; }

    /// <summary>The current link to <see cref="Packet"/>; issuing a new one replaces it and so invalidates the old.</summary>
    public CasePacketLink? Link { get; init; }
}

/// <summary>A document the referrer added, kept in the document store under <paramref name="Sha256"/>.</summary>
public sealed record CaseDocument(string Kind, string Sha256, string ContentType, long Size, DateTimeOffset ReceivedAt);

/// <summary>The assembled packet (a ZIP) in the document store.</summary>
/// <param name="Documents">How many documents it holds, besides the cover sheet and the manifest.</param>
public sealed record CasePacket(string Sha256, long Size, int Documents, DateTimeOffset AssembledAt);

/// <summary>
/// The packet link in force: its random id and expiry. The token in the URL is an HMAC over the referral id, this id
/// and the expiry, so the case alone cannot produce a working link (that needs the key), and a new id retires the old link.
/// </summary>
public sealed record CasePacketLink(string LinkId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string IssuedBy);
