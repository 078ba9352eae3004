using System.Text;
using System.Text.Json;
using ImeBridge.Testing;

namespace ImeBridge.Adapters.SendGrid.Tests.EventWebhook;

/// <summary>shared/corpus/signatures/sendgrid-event-webhook-vectors.json, read as it is.</summary>
internal static class EventWebhookVectors
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryFolders.Corpus, "signatures", "sendgrid-event-webhook-vectors.json")));
        return document.RootElement.Clone();
    });

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var vector in Root.Value.GetProperty("vectors").EnumerateArray())
        {
            names.Add(vector.GetProperty("name").GetString()!);
        }

        return names;
    }

    public static Vector Named(string name)
    {
        var vector = Root.Value.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
        return new Vector(
            name,
            vector.GetProperty("public_key").GetString()!,
            vector.GetProperty("timestamp").GetString()!,
            Encoding.UTF8.GetBytes(vector.GetProperty("payload").GetString()!),
            vector.GetProperty("signature").GetString()!,
            vector.GetProperty("expect_valid").GetBoolean());
    }

    public static string Header(string which) => Root.Value.GetProperty("headers").GetProperty(which).GetString()!;

    internal sealed record Vector(string Name, string PublicKey, string Timestamp, byte[] Payload, string Signature, bool ExpectValid);
}
