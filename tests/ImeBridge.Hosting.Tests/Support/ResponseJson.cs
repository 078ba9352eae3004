using System.Text.Json.Nodes;

namespace ImeBridge.Hosting.Tests.Support;

internal static class ResponseJson
{
    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static string? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;
}
