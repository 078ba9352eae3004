using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ImeBridge.Bench.Workflow;

/// <summary>
/// samples/webhook/referral.json (a complete New York workers' compensation referral), each copy with its own external
/// id and claim number so that none is linked to another as a duplicate, and its medical records pointing at bytes
/// already in the document store (as a batch file's attachments are), so the documents check finds them.
/// </summary>
internal sealed class BenchReferrals(string samplePath, string runId)
{
    private readonly string template = File.ReadAllText(samplePath);

    /// <summary>The medical records every referral lists.</summary>
    public static readonly byte[] RecordsPdf = "%PDF-1.7\n% operative report, clinic and therapy notes\n%%EOF\n"u8.ToArray();

    public string? RecordsSha256 { get; set; }

    public byte[] Body(int index)
    {
        var node = JsonNode.Parse(template)!.AsObject();
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{runId}-{index:D6}");
        node["source"]!["partnerId"] = BenchHost.PartnerId;
        node["source"]!["externalId"] = "BENCH-" + suffix;
        node["claim"]!["claimNumber"] = "WC-NY-" + suffix;
        foreach (var document in node["documents"]!.AsArray())
        {
            if ((string?)document!["kind"] == "medicalRecords")
            {
                document["sha256"] = RecordsSha256 ?? throw new InvalidOperationException("store the records first");
                document["size"] = RecordsPdf.Length;
            }
        }

        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public static string FindSample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "webhook", "referral.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/webhook/referral.json not found above " + AppContext.BaseDirectory);
    }
}
