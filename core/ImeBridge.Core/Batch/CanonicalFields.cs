using System.Collections.Frozen;
using System.Text.Json;
using ImeBridge.Core.Validation;

namespace ImeBridge.Core.Batch;

/// <summary>Every field a CSV cell can fill, read once from schemas/referral.v1.schema.json so the schema stays the one source of truth.</summary>
internal static class CanonicalFields
{
    private const string DefsPrefix = "#/$defs/";

    private static readonly FrozenSet<string> Assigned = FrozenSet.Create(
        StringComparer.Ordinal,
        "referralId",
        "status",
        "source.channel",
        "source.partnerId",
        "source.receivedAt",
        "source.deliveryId");

    private static readonly Lazy<FrozenDictionary<string, CanonicalField>> ByPattern = new(Build);

    /// <summary>The field a concrete path names (case-insensitive), or null when the schema has no such value field.</summary>
    public static CanonicalField? Find(CanonicalPath path) =>
        ByPattern.Value.TryGetValue(path.Pattern, out var field) ? field : null;

    private static FrozenDictionary<string, CanonicalField> Build()
    {
        var schema = ReferralSchema.Instance.Document;
        var defs = schema.GetProperty("$defs");
        var found = new Dictionary<string, CanonicalField>(StringComparer.OrdinalIgnoreCase);
        Walk(schema, "", defs, found);
        return found.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static void Walk(JsonElement schema, string path, JsonElement defs, Dictionary<string, CanonicalField> found)
    {
        schema = Resolve(schema, defs);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", defs, found);
            }

            return;
        }

        if (schema.TryGetProperty("items", out var items))
        {
            if (ValueBranch(Resolve(items, defs), defs) is { } itemValue)
            {
                found[path] = Field(path, itemValue, isList: true);
            }

            Walk(items, path + "[]", defs, found);
            return;
        }

        if (schema.TryGetProperty("anyOf", out var branches))
        {
            foreach (var branch in branches.EnumerateArray())
            {
                Walk(branch, path, defs, found);
            }

            return;
        }

        if (IsValue(schema))
        {
            found[path] = Field(path, schema, isList: false);
        }
    }

    private static CanonicalField Field(string path, JsonElement schema, bool isList)
    {
        var type = CanonicalValueType.Text;
        if (schema.TryGetProperty("type", out var declared) && declared.ValueKind == JsonValueKind.String)
        {
            type = declared.GetString() switch
            {
                "boolean" => CanonicalValueType.Boolean,
                "integer" => CanonicalValueType.Integer,
                _ => CanonicalValueType.Text,
            };
        }

        if (schema.TryGetProperty("format", out var format) && format.ValueEquals("date"))
        {
            type = CanonicalValueType.Date;
        }

        IReadOnlyList<string>? values = schema.TryGetProperty("enum", out var list)
            ? [.. list.EnumerateArray().Select(v => v.GetString()!)]
            : null;
        var assigned = Assigned.Contains(path) || path.StartsWith("source.originalDocument.", StringComparison.Ordinal);
        return new CanonicalField(path, type, values, isList, assigned);
    }

    /// <summary>The schema itself when it describes a value, or its value alternative of an <c>anyOf</c>.</summary>
    private static JsonElement? ValueBranch(JsonElement schema, JsonElement defs)
    {
        if (IsValue(schema))
        {
            return schema;
        }

        if (schema.TryGetProperty("anyOf", out var branches))
        {
            foreach (var branch in branches.EnumerateArray())
            {
                var resolved = Resolve(branch, defs);
                if (IsValue(resolved))
                {
                    return resolved;
                }
            }
        }

        return null;
    }

    private static bool IsValue(JsonElement schema) =>
        !schema.TryGetProperty("properties", out _)
        && !schema.TryGetProperty("items", out _)
        && !schema.TryGetProperty("anyOf", out _)
        && !(schema.TryGetProperty("type", out var type) && (type.ValueEquals("object") || type.ValueEquals("array")));

    private static JsonElement Resolve(JsonElement schema, JsonElement defs) =>
        schema.TryGetProperty("$ref", out var reference)
        && reference.GetString() is { } target
        && target.StartsWith(DefsPrefix, StringComparison.Ordinal)
            ? Resolve(defs.GetProperty(target[DefsPrefix.Length..]), defs)
            : schema;
}
