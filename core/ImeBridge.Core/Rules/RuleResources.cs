using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ImeBridge.Core.Rules;

/// <summary>Reads a rule table from JSON; the embedded copies ship inside this assembly.</summary>
internal static class RuleResources
{
    public static Stream Open(string logicalName) =>
        typeof(RuleResources).Assembly.GetManifestResourceStream(logicalName)
        ?? throw new RuleTableException($"rule table resource '{logicalName}' is not embedded in {typeof(RuleResources).Assembly.GetName().Name}");

    public static T Read<T>(Stream json, JsonTypeInfo<T> typeInfo, string table)
    {
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo)
                ?? throw new RuleTableException($"{table}: the file is empty (null)");
        }
        catch (JsonException exception)
        {
            throw new RuleTableException($"{table}: {exception.Message}", exception);
        }
    }
}
