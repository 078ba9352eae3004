using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeBridge.Core.Experts;

/// <summary>The JSON shape of an expert: camelCase, nulls left out, instants in UTC.</summary>
public static class ExpertJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Expert expert) => JsonSerializer.Serialize(expert, Options);

    public static Expert Deserialize(string json) =>
        JsonSerializer.Deserialize<Expert>(json, Options) ?? throw new JsonException("An expert is JSON null.");
}
