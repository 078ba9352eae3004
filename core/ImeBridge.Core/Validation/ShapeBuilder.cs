using System.Collections.Frozen;
using System.Text.Json;

namespace ImeBridge.Core.Validation;

/// <summary>Builds the <see cref="ShapeNode"/> tree from the schema JSON (local <c>#/$defs/...</c> references only).</summary>
internal sealed class ShapeBuilder
{
    private const string DefsPrefix = "#/$defs/";
    private readonly JsonElement defs;
    private readonly Dictionary<string, ShapeNode> built = new(StringComparer.Ordinal);

    private ShapeBuilder(JsonElement schemaRoot)
    {
        defs = schemaRoot.TryGetProperty("$defs", out var found) ? found : default;
    }

    public static ShapeNode Build(JsonElement schemaRoot)
    {
        var builder = new ShapeBuilder(schemaRoot);
        var root = new ShapeNode();
        builder.Fill(root, schemaRoot);
        return root;
    }

    private ShapeNode Node(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("$ref", out var reference)
            && reference.GetString() is { } target
            && target.StartsWith(DefsPrefix, StringComparison.Ordinal))
        {
            return Def(target[DefsPrefix.Length..]);
        }

        var node = new ShapeNode();
        Fill(node, schema);
        return node;
    }

    private ShapeNode Def(string name)
    {
        if (built.TryGetValue(name, out var existing))
        {
            return existing;
        }

        if (defs.ValueKind != JsonValueKind.Object || !defs.TryGetProperty(name, out var schema))
        {
            throw new InvalidOperationException($"the schema refers to #/$defs/{name}, which it does not define");
        }

        var node = new ShapeNode { DefName = name };
        built[name] = node;
        Fill(node, schema);
        return node;
    }

    private void Fill(ShapeNode node, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            var known = new Dictionary<string, ShapeNode>(StringComparer.Ordinal);
            foreach (var property in properties.EnumerateObject())
            {
                known[property.Name] = Node(property.Value);
            }

            node.Properties = known.ToFrozenDictionary(StringComparer.Ordinal);
        }
        else if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("object"))
        {
            node.IsOpenObject = true;
        }

        if (schema.TryGetProperty("items", out var items))
        {
            node.Items = Node(items);
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            node.Enum = [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)];
        }

        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (!schema.TryGetProperty(keyword, out var branches))
            {
                continue;
            }

            foreach (var branch in branches.EnumerateArray())
            {
                if (Node(branch).ObjectShape is { } objectBranch)
                {
                    node.ObjectBranch = objectBranch;
                }
            }
        }
    }
}
