using System.Text.Json;
using ImeBridge.Core.Tests.Support;
using ImeBridge.Core.Validation;
using Json.Schema;

namespace ImeBridge.Core.Tests.Schema;

public sealed class ReferralSchemaTests
{
    private static JsonElement SchemaJson()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ReferralSchemaFile.Path));
        return document.RootElement.Clone();
    }

    [Fact]
    public void Is_a_valid_2020_12_schema_with_the_agreed_id()
    {
        var schema = SchemaJson();

        var result = MetaSchemas.Draft202012.Evaluate(schema, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid);
        Assert.Equal("https://imebridge.dev/schemas/referral.v1.schema.json", schema.GetProperty("$id").GetString());
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
    }

    [Fact]
    public void The_embedded_schema_is_the_file_in_schemas()
    {
        Assert.Equal(File.ReadAllText(ReferralSchemaFile.Path), ReferralSchema.Instance.Text);
    }

    [Fact]
    public void Every_property_has_a_description()
    {
        var schema = SchemaJson();
        var missing = new List<string>();

        foreach (var (path, property) in Properties(schema, "#"))
        {
            if (!HasDescription(property, schema))
            {
                missing.Add(path);
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_object_but_extensions_is_closed()
    {
        var schema = SchemaJson();
        var open = new List<string>();

        foreach (var (path, node) in Objects(schema, "#"))
        {
            var closed = node.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
            if (!closed && path != "#/properties/extensions")
            {
                open.Add(path);
            }
        }

        Assert.Empty(open);
        Assert.False(schema.GetProperty("properties").GetProperty("extensions").TryGetProperty("additionalProperties", out _));
    }

    [Fact]
    public void The_state_list_is_the_us_states_table()
    {
        var schema = SchemaJson();

        var codes = schema.GetProperty("$defs").GetProperty("usState").GetProperty("enum").EnumerateArray().Select(c => c.GetString()!);

        Assert.Equal(UsStates.Codes.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
        Assert.Equal(52, UsStates.Codes.Count);
    }

    [Fact]
    public void Every_state_has_a_primary_time_zone_the_schema_accepts()
    {
        var schema = ReferralSchemaFile.Load();
        foreach (var code in UsStates.Codes)
        {
            var zone = UsStates.PrimaryTimeZone(code);
            Assert.NotNull(zone);
            using var document = JsonDocument.Parse(
                $$$"""{"source":{"partnerId":"p","externalId":"e"},"referrer":{"kind":"tpa","organization":"o"},"claimant":{"firstName":"a","lastName":"b","dateOfBirth":"1990-01-01","timeZone":"{{{zone}}}"},"claim":{"claimNumber":"c","lineOfBusiness":"auto","jurisdiction":"{{{code}}}"},"request":{"examType":"ime"}}""");
            Assert.True(schema.Evaluate(document.RootElement).IsValid, code);
        }
    }

    [Theory]
    [InlineData("referralId")]
    [InlineData("status")]
    [InlineData("source")]
    [InlineData("referrer")]
    [InlineData("claimant")]
    [InlineData("claim")]
    [InlineData("request")]
    [InlineData("parties")]
    [InlineData("documents")]
    [InlineData("notes")]
    [InlineData("extensions")]
    public void Carries_the_fixed_top_level_names(string name)
    {
        Assert.True(SchemaJson().GetProperty("properties").TryGetProperty(name, out _));
    }

    private static bool HasDescription(JsonElement property, JsonElement schema)
    {
        if (property.TryGetProperty("description", out _))
        {
            return true;
        }

        return property.TryGetProperty("$ref", out var reference)
            && schema.GetProperty("$defs").GetProperty(reference.GetString()!["#/$defs/".Length..]).TryGetProperty("description", out _);
    }

    private static IEnumerable<(string Path, JsonElement Node)> Properties(JsonElement node, string path)
    {
        foreach (var (objectPath, objectNode) in Objects(node, path))
        {
            if (!objectNode.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            foreach (var property in properties.EnumerateObject())
            {
                yield return ($"{objectPath}/properties/{property.Name}", property.Value);
            }
        }
    }

    /// <summary>Every subschema that has properties or says type object, anywhere in the document.</summary>
    private static IEnumerable<(string Path, JsonElement Node)> Objects(JsonElement node, string path)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            var isObject = node.TryGetProperty("properties", out _)
                || (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object");
            if (isObject)
            {
                yield return (path, node);
            }

            foreach (var child in node.EnumerateObject())
            {
                if (child.Name is "enum" or "required")
                {
                    continue;
                }

                foreach (var found in Objects(child.Value, $"{path}/{child.Name}"))
                {
                    yield return found;
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in node.EnumerateArray())
            {
                foreach (var found in Objects(item, $"{path}/{index++}"))
                {
                    yield return found;
                }
            }
        }
    }
}
