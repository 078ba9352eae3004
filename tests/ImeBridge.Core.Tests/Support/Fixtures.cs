using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Validation;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Core.Tests.Support;

/// <summary>The sample bodies, a fixed clock and helpers to read a mutated copy of the sample.</summary>
internal static class Fixtures
{
    /// <summary>"Today" for every date rule in these tests.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly ReferralDefaults Webhook = new("webhook", "demo", "insurer", "Demo Insurance Co.");

    /// <summary>PHI in samples/webhook/*.json: none of it may appear in any reason.</summary>
    public static readonly string[] SamplePhi =
    [
        "Daniel", "Okonkwo", "Whitfield", "1981-07-14", "07/14/1981", "+15185550142", "5185550142", "555-01",
        "d.okonkwo.whitfield@example.net", "418 Delaware", "Albany", "12209", "Priya", "Natarajan",
        "pnatarajan@acme-mutual.example", "+15185550177", "Helena", "Varga", "Bellweather", "2026-02-09",
        "WC-NY-2026-0048213", "tibia", "1234567890",
    ];

    public static FakeTimeProvider Clock() => new(Now);

    public static ReferralReader Reader() => new(Clock());

    public static ReferralValidator Validator() => new(Clock());

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", "webhook", name);

    public static byte[] SampleBytes(string name = "referral.json") => File.ReadAllBytes(SamplePath(name));

    public static JsonObject Sample(string name = "referral.json") => JsonNode.Parse(SampleBytes(name))!.AsObject();

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>Reads the sample after <paramref name="mutate"/> changed it.</summary>
    public static ReferralReadResult ReadSample(Action<JsonObject> mutate, ReferralDefaults? defaults = null, TimeProvider? time = null)
    {
        var sample = Sample();
        mutate(sample);
        return new ReferralReader(time ?? Clock()).Read(Bytes(sample), defaults ?? Webhook);
    }

    public static string ReasonAt(this ReferralReadResult result, string path) => ReasonAt(result.Errors, path);

    public static string ReasonAt(this IReadOnlyList<FieldError> errors, string path)
    {
        var found = errors.Where(e => e.Path == path).ToList();
        Assert.True(found.Count == 1, $"expected one error at {path}; got: {Describe(errors)}");
        return found[0].Reason;
    }

    public static string Describe(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? "(none)" : string.Join("; ", errors.Select(e => $"{e.Path}: {e.Reason}"));

    public static void AssertValid(ReferralReadResult result)
    {
        Assert.True(result.IsValid, "expected valid, got: " + Describe(result.Errors));
    }
}
