using System.Text.Json;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Webhooks;

/// <summary>The official Standard Webhooks test vectors from the shared corpus, read as they are.</summary>
internal static class StandardWebhookVectors
{
    public static string FilePath => Path.Combine(RepositoryFolders.Corpus, "signatures", "standard-webhooks-vectors.json");

    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllBytes(FilePath)));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> All => Root.GetProperty("vectors").EnumerateArray();

    public static JsonElement Named(string name) =>
        All.Single(v => v.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var vector in All)
        {
            names.Add(vector.GetProperty("name").GetString()!);
        }

        return names;
    }
}
