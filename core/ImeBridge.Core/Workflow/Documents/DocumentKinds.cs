using System.Text.Json;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>The document kinds a referral may carry: the <c>document.kind</c> enum of the embedded referral schema, so the two never drift.</summary>
public static class DocumentKinds
{
    private const string SchemaResource = "referral.v1.schema.json";

    private static readonly Lazy<IReadOnlyList<string>> Loaded = new(Load);

    /// <summary>In the schema's order: referralLetter, medicalRecords, imaging, legalLetter, priorReport, questionnaire, other.</summary>
    public static IReadOnlyList<string> All => Loaded.Value;

    /// <summary>True for a kind of <see cref="All"/>, spelt exactly (kinds are case-sensitive codes).</summary>
    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);

    private static IReadOnlyList<string> Load()
    {
        using var stream = typeof(DocumentKinds).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"embedded resource {SchemaResource} is missing from ImeBridge.Core");
        using var schema = JsonDocument.Parse(stream);
        var kinds = schema.RootElement
            .GetProperty("$defs").GetProperty("document").GetProperty("properties").GetProperty("kind").GetProperty("enum");
        return [.. kinds.EnumerateArray().Select(k => k.GetString()!)];
    }
}
