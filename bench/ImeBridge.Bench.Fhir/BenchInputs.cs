using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Serialization;

namespace ImeBridge.Bench.Fhir;

/// <summary>
/// The referral-shaped inputs, built once per benchmark process from files in the repository and the shared corpus.
/// Every one is a Bundle whose ServiceRequest normalizes into an accepted referral, except <see cref="BserMessageXml"/>
/// (a real IG example whose ServiceRequest's subject points outside the Bundle, so the FHIR mapping refuses it).
/// </summary>
internal static class BenchInputs
{
    public const string SampleJson = "sample.json";
    public const string PdfJson = "pdf160k.json";
    public const string TransactionXml = "transaction.xml";
    public const string BserMessageXml = "bser-message.xml";
    public const string SyntheaJson = "synthea+ref.json";

    public static readonly string[] Names = [SampleJson, PdfJson, TransactionXml, BserMessageXml, SyntheaJson];

    public static byte[] Load(string name) => name switch
    {
        SampleJson => File.ReadAllBytes(Path.Combine(BenchPaths.RepositoryRoot(), "samples", "fhir", "referral-bundle.json")),
        PdfJson => Bytes(WithInlinePdf(Transaction(), 160 * 1024)),
        TransactionXml => Encoding.UTF8.GetBytes(new FhirJsonDeserializer().DeserializeResource(Transaction().ToJsonString()).ToXml()),
        BserMessageXml => File.ReadAllBytes(Path.Combine(BenchPaths.CorpusRoot(), "bser-ig-xml", "bundle-bser-referral-message-bundle-eve-everywoman.xml")),
        SyntheaJson => Bytes(WithReferralEntries(Synthea(), Transaction())),
        _ => throw new ArgumentException($"unknown input '{name}'", nameof(name)),
    };

    public static bool IsXml(string name) => name.EndsWith(".xml", StringComparison.Ordinal);

    /// <summary>How many referrals the input must normalize to (the rest of its ServiceRequests are refused).</summary>
    public static int ExpectedAccepted(string name) => name == BserMessageXml ? 0 : 1;

    /// <summary>tests/ImeBridge.Adapters.Fhir.Tests/Fixtures/referral-transaction.json: the realistic IME referral transaction.</summary>
    private static JsonObject Transaction() =>
        JsonNode.Parse(File.ReadAllBytes(Path.Combine(BenchPaths.RepositoryRoot(), "tests", "ImeBridge.Adapters.Fhir.Tests", "Fixtures", "referral-transaction.json")))!.AsObject();

    /// <summary>The largest Synthea patient Bundle of the corpus that the FHIR tests use (a transaction, no ServiceRequest entry of its own).</summary>
    private static JsonObject Synthea() =>
        JsonNode.Parse(File.ReadAllBytes(Path.Combine(BenchPaths.CorpusRoot(), "synthea", "Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json")))!.AsObject();

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    /// <summary>The referral letter's DocumentReference carries a PDF of <paramref name="size"/> bytes inline instead of the fixture's 128.</summary>
    private static JsonObject WithInlinePdf(JsonObject bundle, int size)
    {
        var document = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).Single(r => (string?)r["resourceType"] == "DocumentReference");
        document["content"]![0]!["attachment"]!["data"] = Convert.ToBase64String(SyntheticPdf(size));
        return bundle;
    }

    /// <summary>A patient-record-sized Bundle: the Synthea transaction with the referral's six entries in front.</summary>
    private static JsonObject WithReferralEntries(JsonObject synthea, JsonObject referral)
    {
        var entries = synthea["entry"]!.AsArray();
        var referralEntries = referral["entry"]!.AsArray().Select(e => e!.DeepClone()).ToList();
        for (var i = 0; i < referralEntries.Count; i++)
        {
            entries.Insert(i, referralEntries[i]);
        }

        return synthea;
    }

    /// <summary>A PDF header, then incompressible bytes (a SHA-256 chain) as a scanned letter's image stream would be, then %%EOF.</summary>
    private static byte[] SyntheticPdf(int size)
    {
        var pdf = new byte[size];
        var header = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nstream\n"u8;
        var trailer = "\nendstream\n%%EOF\n"u8;
        header.CopyTo(pdf);
        Span<byte> block = stackalloc byte[32];
        for (var at = header.Length; at < size - trailer.Length; at += block.Length)
        {
            SHA256.HashData(BitConverter.GetBytes(at), block);
            block[..Math.Min(block.Length, size - trailer.Length - at)].CopyTo(pdf.AsSpan(at));
        }

        trailer.CopyTo(pdf.AsSpan(size - trailer.Length));
        return pdf;
    }
}
