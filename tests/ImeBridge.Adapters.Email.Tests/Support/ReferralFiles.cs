using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Testing;

namespace ImeBridge.Adapters.Email.Tests.Support;

/// <summary>Machine-readable referral attachments: canonical JSON (from samples/webhook/referral.json), canonical CSV, a FHIR Bundle.</summary>
internal static class ReferralFiles
{
    public const string CsvHeader =
        "source.externalId,claimant.firstName,claimant.lastName,claimant.dateOfBirth,claim.claimNumber,claim.lineOfBusiness,claim.jurisdiction,request.examType";

    /// <summary>The sample referral, sent for whichever partner the sender maps to (no <c>source.partnerId</c>).</summary>
    public static byte[] CanonicalJson(string externalId, Action<JsonObject>? change = null)
    {
        var referral = (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryFolders.File("samples", "webhook", "referral.json")))!;
        var source = (JsonObject)referral["source"]!;
        source.Remove("partnerId");
        source["externalId"] = externalId;
        change?.Invoke(referral);
        return Encoding.UTF8.GetBytes(referral.ToJsonString());
    }

    public static string CsvRow(int n) => $"EXT-{n:D6},Dana,Quillfeather{n},1980-01-15,WC-{n:D6},workersComp,NY,ime";

    public static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [CsvHeader, .. rows]) + "\r\n");

    public static byte[] EmptyFhirBundle() => Encoding.UTF8.GetBytes("""{"resourceType":"Bundle","type":"collection","entry":[]}""");

    /// <summary>samples/fhir/referral-bundle.json: a transaction Bundle with one ServiceRequest and an inline PDF.</summary>
    public static byte[] FhirBundle() => File.ReadAllBytes(RepositoryFolders.File("samples", "fhir", "referral-bundle.json"));
}
