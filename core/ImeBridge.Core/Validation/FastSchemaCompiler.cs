using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImeBridge.Core.Validation;

/// <summary>
/// Compiles the subset of JSON Schema 2020-12 that schemas/referral.v1.schema.json uses into
/// <see cref="FastSchemaNode"/>s. A keyword it does not know makes <see cref="TryCompile"/> return null, and
/// validation falls back to JsonSchema.Net alone: the schema may grow, the fast path never guesses.
/// Where it cannot match JsonSchema.Net exactly (the email format) it is stricter, so a doubtful value goes
/// to the reference, which has the last word.
/// </summary>
internal sealed partial class FastSchemaCompiler
{
    private const string DefsPrefix = "#/$defs/";

    private static readonly FrozenSet<string> Annotations = new[]
    {
        "$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly JsonElement defs;
    private readonly Dictionary<string, FastSchemaNode> compiled = new(StringComparer.Ordinal);

    private FastSchemaCompiler(JsonElement root)
    {
        defs = root.TryGetProperty("$defs", out var found) ? found : default;
    }

    public static FastSchemaNode? TryCompile(JsonElement schemaRoot)
    {
        try
        {
            return new FastSchemaCompiler(schemaRoot).Compile(schemaRoot);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private FastSchemaNode Compile(JsonElement schema)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return new FastSchemaNode { Constant = schema.ValueKind == JsonValueKind.True };
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException("a schema is an object or a boolean");
        }

        var node = new FastSchemaNode();
        foreach (var keyword in schema.EnumerateObject())
        {
            Apply(node, keyword.Name, keyword.Value);
        }

        return node;
    }

    private void Apply(FastSchemaNode node, string keyword, JsonElement value)
    {
        switch (keyword)
        {
            case var annotation when Annotations.Contains(annotation):
                break;
            case "$ref":
                node.Ref = Def(value.GetString() ?? "");
                break;
            case "type":
                node.Types = value.ValueKind == JsonValueKind.Array
                    ? value.EnumerateArray().Aggregate(FastSchemaNode.JsonTypes.None, (types, type) => types | Type(type.GetString()))
                    : Type(value.GetString());
                break;
            case "properties":
                node.Properties = value.EnumerateObject().ToFrozenDictionary(p => p.Name, p => Compile(p.Value), StringComparer.Ordinal);
                break;
            case "additionalProperties" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                node.ClosedProperties = value.ValueKind == JsonValueKind.False;
                break;
            case "required":
                node.Required = [.. value.EnumerateArray().Select(name => name.GetString()!)];
                break;
            case "items":
                node.Items = Compile(value);
                break;
            case "enum":
                node.Enum = [.. value.EnumerateArray().Select(allowed => allowed.Clone())];
                node.EnumText = [.. node.Enum.Select(allowed => allowed.ValueKind == JsonValueKind.String ? allowed.GetString() : null)];
                break;
            case "minLength":
                node.MinLength = value.GetInt32();
                break;
            case "maxLength":
                node.MaxLength = value.GetInt32();
                break;
            case "pattern":
                node.Pattern = new Regex(value.GetString()!, RegexOptions.CultureInvariant | RegexOptions.Compiled);
                break;
            case "format":
                node.Format = Format(value.GetString());
                break;
            case "minimum":
                node.Minimum = value.GetDecimal();
                break;
            case "maximum":
                node.Maximum = value.GetDecimal();
                break;
            case "anyOf":
                node.AnyOf = [.. value.EnumerateArray().Select(Compile)];
                break;
            default:
                throw new NotSupportedException($"keyword {keyword} is not compiled");
        }
    }

    private FastSchemaNode Def(string reference)
    {
        if (!reference.StartsWith(DefsPrefix, StringComparison.Ordinal) || defs.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException("only local #/$defs references are compiled");
        }

        var name = reference[DefsPrefix.Length..];
        if (compiled.TryGetValue(name, out var existing))
        {
            return existing;
        }

        if (!defs.TryGetProperty(name, out var schema))
        {
            throw new NotSupportedException($"#/$defs/{name} is not defined");
        }

        // Registered before compiling so that a recursive reference finds it.
        var node = new FastSchemaNode();
        compiled[name] = node;
        node.Ref = Compile(schema);
        return node;
    }

    private static FastSchemaNode.JsonTypes Type(string? name) => name switch
    {
        "object" => FastSchemaNode.JsonTypes.Object,
        "array" => FastSchemaNode.JsonTypes.Array,
        "string" => FastSchemaNode.JsonTypes.String,
        "integer" => FastSchemaNode.JsonTypes.Integer,
        "number" => FastSchemaNode.JsonTypes.Number | FastSchemaNode.JsonTypes.Integer,
        "boolean" => FastSchemaNode.JsonTypes.Boolean,
        "null" => FastSchemaNode.JsonTypes.Null,
        _ => throw new NotSupportedException($"type {name} is not compiled"),
    };

    private static FastSchemaNode.TextCheck Format(string? name) => name switch
    {
        "date" => static value => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date-time" => static value => RfcDateTime().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        "email" => static value => SimpleEmail().IsMatch(value),
        _ => throw new NotSupportedException($"format {name} is not compiled"),
    };

    /// <summary>RFC 3339 date-time, the shape JsonSchema.Net's format check starts from.</summary>
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?([Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex RfcDateTime();

    /// <summary>A deliberately plain dot-atom address (no quotes, comments or IP literals): a subset of what RFC 5322 allows.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleEmail();
}
