using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Case;
using ImeBridge.Core.Workflow.Documents;

namespace ImeBridge.Core.Tests.Workflow.Documents;

/// <summary>The expert's packet: one ZIP with a manifest, a cover sheet and the documents that are at hand.</summary>
public sealed class PacketAssemblerTests
{
    private readonly MemoryDocumentStore store = new();

    [Fact]
    public async Task The_packet_holds_the_manifest_the_cover_and_every_document_at_hand()
    {
        var records = await store.PutAsync("%PDF-1.7 clinic notes"u8.ToArray(), "application/pdf", CancellationToken.None);
        var mri = await store.PutAsync("%PDF-1.7 MRI report"u8.ToArray(), "application/pdf", CancellationToken.None);
        var stored = Stored(records.Sha256, mri);
        var inventory = await DocumentInventory.GatherAsync(stored, store, CancellationToken.None);

        var packet = await new PacketAssembler(store, DocumentChecklist.Embedded).AssembleAsync(stored, inventory, Fixtures.Now, CancellationToken.None);

        Assert.Equal(2, packet.Documents);
        await using var content = await store.OpenAsync(packet.Sha256, CancellationToken.None);
        using var zip = new ZipArchive(content!, ZipArchiveMode.Read);
        Assert.Equal(["manifest.json", "cover.html", "documents/01-medicalRecords.pdf", "documents/02-imaging.pdf"], zip.Entries.Select(e => e.FullName));
        using var manifest = JsonDocument.Parse(Read(zip, "manifest.json"));
        var questions = manifest.RootElement.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetString()).ToList();
        Assert.Equal(["Q1", "Q7"], questions);
        var documents = manifest.RootElement.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal([records.Sha256, mri.Sha256], documents.Select(d => d.GetProperty("sha256").GetString()));
        Assert.Equal(["referral", "upload"], documents.Select(d => d.GetProperty("source").GetString()));
        var missing = Assert.Single(manifest.RootElement.GetProperty("notIncluded").EnumerateArray());
        Assert.Equal("legalLetter", missing.GetProperty("kind").GetString());
        Assert.Equal("%PDF-1.7 MRI report", Read(zip, "documents/02-imaging.pdf"));
    }

    [Fact]
    public async Task The_cover_sheet_tells_the_examiner_what_is_asked_and_why_with_html_escaped()
    {
        var records = await store.PutAsync("%PDF-1.7"u8.ToArray(), "application/pdf", CancellationToken.None);
        var stored = Stored(records.Sha256);
        var inventory = await DocumentInventory.GatherAsync(stored, store, CancellationToken.None);

        var packet = await new PacketAssembler(store, DocumentChecklist.Embedded).AssembleAsync(stored, inventory, Fixtures.Now, CancellationToken.None);

        await using var content = await store.OpenAsync(packet.Sha256, CancellationToken.None);
        using var zip = new ZipArchive(content!, ZipArchiveMode.Read);
        var cover = Read(zip, "cover.html");
        Assert.Contains("<strong>Q1</strong> Is the knee injury &lt;causally&gt; related?", cover, StringComparison.Ordinal);
        Assert.Contains("<strong>Q7</strong> Has MMI been reached?", cover, StringComparison.Ordinal);
        Assert.Contains("Carrier wants an opinion on permanency", cover, StringComparison.Ordinal);
        Assert.Contains("right knee", cover, StringComparison.Ordinal);
        Assert.Contains("S83.91XA", cover, StringComparison.Ordinal);
        Assert.Contains("Dr. Example, NPI 1234567893", cover, StringComparison.Ordinal);
        Assert.Contains(DocumentChecklist.Embedded.EmphasisFor("mmiImpairment"), cover, StringComparison.Ordinal);
        Assert.DoesNotContain("<causally>", cover, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_listed_with_the_referral_whose_bytes_never_arrived_is_not_at_hand()
    {
        var stored = Stored(new string('a', 64));

        var inventory = await DocumentInventory.GatherAsync(stored, store, CancellationToken.None);

        Assert.Empty(inventory.Available);
        Assert.Equal(["medicalRecords", "legalLetter"], inventory.Unavailable.Select(d => d.Kind));
    }

    private static StoredReferral Stored(string recordsSha256, DocumentRef? uploadedImaging = null)
    {
        var referral = DocumentChecklistTests.Referral();
        referral.ReferralId = "ref-1";
        referral.Request.ReasonDetail = "Carrier wants an opinion on permanency";
        referral.Request.Questions = [new ExamQuestion { Text = "Is the knee injury <causally> related?" }, new ExamQuestion { Id = "Q7", Text = "Has MMI been reached?" }];
        referral.Request.TreatingPhysician = new TreatingPhysician { Name = "Dr. Example", Npi = "1234567893" };
        referral.Claim.BodyParts = ["right knee"];
        referral.Claim.Icd10Codes = ["S83.91XA"];
        referral.Documents =
        [
            new ReferralDocument { Kind = "medicalRecords", FileName = "records.pdf", ContentType = "application/pdf", Size = 8, Sha256 = recordsSha256 },
            new ReferralDocument { Kind = "legalLetter", FileName = "letter.pdf", ContentType = "application/pdf", Size = 8, Sha256 = new string('b', 64) },
        ];
        var received = uploadedImaging is null ? [] : new[] { new CaseDocument("imaging", uploadedImaging.Sha256, "application/pdf", uploadedImaging.Size, Fixtures.Now) };
        return new StoredReferral("ref-1", "acme", ReferralStatus.ExpertMatched, referral, [])
        {
            Case = ReferralCase.Empty with { Documents = CaseDocuments.Empty with { Received = received } },
        };
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
