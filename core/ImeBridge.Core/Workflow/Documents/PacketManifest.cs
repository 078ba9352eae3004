namespace ImeBridge.Core.Workflow.Documents;

/// <summary><c>manifest.json</c> at the root of the packet: what is in it and what the examiner is asked.</summary>
public sealed record PacketManifest(
    string Format,
    string ReferralId,
    DateTimeOffset AssembledAt,
    string? ExamType,
    string? Reason,
    string? LineOfBusiness,
    string? Jurisdiction,
    DateOnly? DueDate,
    string Cover,
    IReadOnlyList<PacketQuestion> Questions,
    IReadOnlyList<PacketManifestDocument> Documents,
    IReadOnlyList<PacketManifestDocument> NotIncluded)
{
    public const string FormatName = "imebridge.packet.v1";
}

/// <summary>A question for the examiner; <paramref name="Id"/> is the referrer's, or <c>Q{position}</c> when it gave none.</summary>
public sealed record PacketQuestion(string Id, string Text);

/// <param name="File">The path inside the packet; null for a document not included.</param>
public sealed record PacketManifestDocument(string? File, string Kind, string ContentType, long Size, string Sha256, string Source);
