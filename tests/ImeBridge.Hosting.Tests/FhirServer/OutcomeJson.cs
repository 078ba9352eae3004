using System.Text.Json.Nodes;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.FhirServer;

/// <summary>Reading the OperationOutcomes ImeBridge answers with.</summary>
internal static class OutcomeJson
{
    public static async Task<JsonArray> IssuesAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/fhir+json", response.MediaType());
        var outcome = await response.ReadObjectAsync();
        Assert.Equal("OperationOutcome", (string?)outcome["resourceType"]);
        return outcome["issue"]!.AsArray();
    }

    public static string? Expression(JsonNode? issue) => (string?)issue?["expression"]?[0];

    public static string? Code(JsonNode? issue) => (string?)issue?["code"];
}
