using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Validation;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Fhir.Tests.Support;

/// <summary>Fixtures, the real core reader on a fixed clock, and assertions shared by the tests.</summary>
internal static class Kit
{
    public static readonly ReferralDefaults Fhir = new("fhir", "demo", "insurer", "Demo Insurance Co.");

    /// <summary>PHI in the fixtures: none of it may appear in an error reason.</summary>
    public static readonly string[] FixturePhi =
    [
        "Daniel", "Okonkwo", "Whitfield", "1981-07-14", "518", "0142", "d.okonkwo", "418 Delaware", "Albany", "12209",
        "WC-NY-2026-0048213", "2026-02-09", "tibia",
    ];

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static byte[] FixtureBytes(string name) => File.ReadAllBytes(FixturePath(name));

    public static JsonObject Transaction() => JsonNode.Parse(FixtureBytes("referral-transaction.json"))!.AsObject();

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static JsonObject Entry(JsonObject bundle, int index) => bundle["entry"]![index]!["resource"]!.AsObject();

    /// <summary>The core's reader with "today" = 2026-06-01, as the partner-body JSON would be read at intake.</summary>
    public static ReferralReadResult ReadCanonical(byte[] referralJson) =>
        new ReferralReader(new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero))).Read(referralJson, Fhir);

    public static FhirReferralResult Single(IReadOnlyList<FhirReferralResult> results)
    {
        Assert.Single(results);
        return results[0];
    }

    public static JsonObject Canonical(FhirReferralResult result)
    {
        Assert.True(result.IsReferral, $"expected a referral; got: {Describe(result.Errors)}");
        return JsonNode.Parse(result.ReferralJson!)!.AsObject();
    }

    public static string ReasonAt(IReadOnlyList<FieldError> errors, string path)
    {
        var found = errors.Where(e => e.Path == path).ToList();
        Assert.True(found.Count == 1, $"expected one error at {path}; got: {Describe(errors)}");
        return found[0].Reason;
    }

    public static void AssertNoPhi(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            foreach (var phi in FixturePhi)
            {
                Assert.DoesNotContain(phi, error.Reason, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    public static string Describe(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? "(none)" : string.Join("; ", errors.Select(e => $"{e.Path}: {e.Reason}"));

    /// <summary>../shared/corpus/fhir-r4 beside the repository (found by walking up from the test binaries).</summary>
    public static string CorpusDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "fhir-r4");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/corpus/fhir-r4 was not found above the test output directory");
    }
}
