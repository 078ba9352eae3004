using System.Text.Json;
using ImeBridge.Testing;
using Json.Schema;

namespace ImeBridge.Adapters.PartnerWebhooks.Tests.Support;

/// <summary>schemas/events/{type}.schema.json, as published to partners.</summary>
internal static class EventSchemas
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static string Folder => RepositoryFolders.File("schemas", "events");

    /// <summary>The schema errors of <paramref name="payload"/> against the schema of its own <c>type</c>; empty when it conforms.</summary>
    public static IReadOnlyList<string> Errors(ReadOnlySpan<byte> payload)
    {
        using var document = JsonDocument.Parse(payload.ToArray());
        var type = document.RootElement.GetProperty("type").GetString()!;
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, type + ".schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var result = schema.Evaluate(document.RootElement, Options);
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
