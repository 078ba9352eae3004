using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>A document at hand for the packet: its bytes are in the document store.</summary>
/// <param name="Source"><c>referral</c> (listed with the referral) or <c>upload</c> (sent later).</param>
public sealed record PacketDocument(string Kind, string Sha256, string ContentType, long Size, string Source);

/// <summary>
/// The documents of a referral: those listed with it and those sent later (<see cref="CaseDocuments.Received"/>). Only
/// documents whose bytes are in the document store count: the examiner needs the file, not its description, so a
/// document listed with the referral that never arrived is <see cref="Unavailable"/> and its kind is still missing.
/// </summary>
public sealed record DocumentInventory(IReadOnlyList<PacketDocument> Available, IReadOnlyList<PacketDocument> Unavailable)
{
    public const string FromReferral = "referral";
    public const string FromUpload = "upload";

    /// <summary>A listed document without a kind counts as <c>other</c>.</summary>
    public const string DefaultKind = "other";

    public IEnumerable<string> Kinds => Available.Select(d => d.Kind);

    public static async Task<DocumentInventory> GatherAsync(StoredReferral stored, IDocumentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(store);
        var listed = stored.Referral.Documents.Select(d => new PacketDocument(
            DocumentKinds.IsKnown(d.Kind) ? d.Kind! : DefaultKind,
            d.Sha256 ?? "",
            d.ContentType ?? "application/octet-stream",
            d.Size ?? 0,
            FromReferral));
        var received = (stored.Case.Documents?.Received ?? []).Select(d => new PacketDocument(d.Kind, d.Sha256, d.ContentType, d.Size, FromUpload));

        var available = new List<PacketDocument>();
        var unavailable = new List<PacketDocument>();
        foreach (var document in listed.Concat(received).DistinctBy(d => (d.Kind, d.Sha256)))
        {
            (await IsStoredAsync(store, document.Sha256, cancellationToken) ? available : unavailable).Add(document);
        }

        return new DocumentInventory(available, unavailable);
    }

    private static async Task<bool> IsStoredAsync(IDocumentStore store, string sha256, CancellationToken cancellationToken)
    {
        if (sha256.Length != 64)
        {
            return false;
        }

        await using var content = await store.OpenAsync(sha256, cancellationToken);
        return content is not null;
    }
}
