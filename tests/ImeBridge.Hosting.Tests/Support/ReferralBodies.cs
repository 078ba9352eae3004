using System.Text;
using System.Text.Json.Nodes;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>Request bodies built from samples/webhook/referral.json, rewritten for the test partner.</summary>
internal static class ReferralBodies
{
    public static string SamplePath => Path.Combine(RepositoryFolders.Repository, "samples", "webhook", "referral.json");

    /// <summary>The sample, a complete valid partner referral, as a mutable node.</summary>
    public static JsonObject Sample() => JsonNode.Parse(File.ReadAllText(SamplePath))!.AsObject();

    public static JsonObject ValidNode(TestPartner partner, string externalId)
    {
        var node = Sample();
        node["source"]!["partnerId"] = partner.Id;
        node["source"]!["externalId"] = externalId;
        return node;
    }

    public static byte[] Valid(TestPartner partner, string? externalId = null) =>
        Bytes(ValidNode(partner, externalId ?? NewExternalId()));

    /// <summary>The sample with several bad fields: a date of birth that is no date, a phone that is no phone, an unknown state.</summary>
    public static byte[] WithSeveralErrors(TestPartner partner)
    {
        var node = ValidNode(partner, NewExternalId());
        node["claimant"]!["dateOfBirth"] = "31/02/1980";
        node["claimant"]!["phone"] = "call me";
        node["claim"]!["jurisdiction"] = "XX";
        return Bytes(node);
    }

    /// <summary>The personal data of the sample's claimant, which must never reach a log.</summary>
    public static IReadOnlyList<string> ClaimantPhi()
    {
        var claimant = Sample()["claimant"]!;
        var values = new List<string?>
        {
            (string?)claimant["firstName"],
            (string?)claimant["lastName"],
            (string?)claimant["dateOfBirth"],
            (string?)claimant["phone"],
            (string?)claimant["email"],
            (string?)claimant["address"]?["line1"],
        };
        return [.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];
    }

    public static string NewExternalId() => "ACME-" + Guid.NewGuid().ToString("N")[..12];

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
