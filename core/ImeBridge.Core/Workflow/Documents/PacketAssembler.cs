using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// Builds the expert's packet: one ZIP with <c>manifest.json</c>, <c>cover.html</c> and the documents under
/// <c>documents/</c>, named by position and kind (never by the sender's file name, which often names the claimant),
/// and keeps it in the document store. Built in a temporary file, so memory stays flat whatever the records weigh.
/// </summary>
public sealed class PacketAssembler(IDocumentStore store, DocumentChecklist checklist)
{
    public const string ContentType = "application/zip";
    public const string ManifestEntry = "manifest.json";
    public const string CoverEntry = "cover.html";

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<CasePacket> AssembleAsync(StoredReferral stored, DocumentInventory inventory, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(inventory);
        var referral = stored.Referral;
        var included = inventory.Available
            .Select((d, i) => new PacketManifestDocument($"documents/{i + 1:00}-{d.Kind}{Extension(d.ContentType)}", d.Kind, d.ContentType, d.Size, d.Sha256, d.Source))
            .ToList();
        var questions = Questions(referral);
        var manifest = new PacketManifest(
            PacketManifest.FormatName,
            stored.ReferralId,
            at,
            referral.Request.ExamType,
            referral.Request.Reason,
            referral.Claim.LineOfBusiness,
            referral.Claim.Jurisdiction,
            referral.Request.DueDate,
            CoverEntry,
            questions,
            included,
            [.. inventory.Unavailable.Select(d => new PacketManifestDocument(null, d.Kind, d.ContentType, d.Size, d.Sha256, d.Source))]);
        var cover = PacketCover.Html(referral, stored.ReferralId, checklist.EmphasisFor(referral.Request.Reason), questions, included);

        var path = Path.Combine(Path.GetTempPath(), "imebridge-packet-" + Guid.NewGuid().ToString("N") + ".zip");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteAsync(zip, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson), at, cancellationToken);
            await WriteAsync(zip, CoverEntry, Encoding.UTF8.GetBytes(cover), at, cancellationToken);
            foreach (var document in included)
            {
                await using var content = await store.OpenAsync(document.Sha256, cancellationToken)
                    ?? throw new InvalidOperationException($"document {document.Sha256} left the document store while the packet was assembled");
                var entry = zip.CreateEntry(document.File!, CompressionLevel.Fastest);
                entry.LastWriteTime = at;
                await using var target = await entry.OpenAsync(cancellationToken);
                await content.CopyToAsync(target, cancellationToken);
            }
        }

        file.Position = 0;
        var kept = await store.PutAsync(file, ContentType, cancellationToken);
        return new CasePacket(kept.Sha256, kept.Size, included.Count, at);
    }

    /// <summary>The referral's questions with their ids; one without an id gets <c>Q{position}</c>.</summary>
    public static IReadOnlyList<PacketQuestion> Questions(Model.Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return [.. referral.Request.Questions.Select((q, i) => new PacketQuestion(string.IsNullOrWhiteSpace(q.Id) ? $"Q{i + 1}" : q.Id, q.Text))];
    }

    private static async Task WriteAsync(ZipArchive zip, string name, byte[] content, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        await using var target = await entry.OpenAsync(cancellationToken);
        await target.WriteAsync(content, cancellationToken);
    }

    private static string Extension(string contentType) => contentType.ToLowerInvariant() switch
    {
        "application/pdf" => ".pdf",
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/tiff" => ".tif",
        "application/dicom" => ".dcm",
        "text/plain" => ".txt",
        "application/zip" => ".zip",
        _ => ".bin",
    };
}
