using System.Text.Json.Nodes;

namespace ImeBridge.Adapters.Email.Tests.Support;

internal static class JsonPaths
{
    public static JsonObject Object(ReadOnlyMemory<byte> utf8) => (JsonObject)JsonNode.Parse(utf8.Span)!;

    public static string? Text(JsonNode? root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            node = int.TryParse(part, out var index) ? (node as JsonArray)?[index] : (node as JsonObject)?[part];
        }

        return node?.ToString();
    }
}
