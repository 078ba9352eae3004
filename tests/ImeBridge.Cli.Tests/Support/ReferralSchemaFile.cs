using System.Text.Json;
using Json.Schema;

namespace ImeBridge.Cli.Tests.Support;

/// <summary>schemas/referral.v1.schema.json, read from the repository (JsonSchema.Net), to check what the CLI prints.</summary>
internal static class ReferralSchemaFile
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(RepositoryFolders.File("schemas", "referral.v1.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>The schema errors of <paramref name="json"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
