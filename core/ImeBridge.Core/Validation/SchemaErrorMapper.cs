using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace ImeBridge.Core.Validation;

/// <summary>
/// Turns JsonSchema.Net's hierarchical results into <see cref="Ports.FieldError"/>s a partner developer can act on.
/// Reasons come from the schema (its enums, its required lists) and fixed text, never from the instance's
/// values, so no PHI can leak into a reason.
/// </summary>
internal static class SchemaErrorMapper
{
    private const string DefsPrefix = "/$defs/";

    /// <summary>One reason for any failure of a value type defined in <c>$defs</c>.</summary>
    private static readonly FrozenDictionary<string, string> ValueTypeReasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["date"] = "must be a real calendar date written YYYY-MM-DD",
        ["dateTime"] = "must be an ISO-8601 UTC date-time such as 2026-03-02T14:05:00Z",
        ["phone"] = "must be a phone number in E.164 form such as +15185550142",
        ["email"] = "must be an email address",
        ["usState"] = "must be a two-letter US state code (the 50 states, DC or PR)",
        ["zip"] = "must be a US ZIP code: 12345 or 12345-6789",
        ["languageTag"] = "must be a language tag such as en, es or en-US",
        ["timeZone"] = "must be an IANA time zone name such as America/New_York",
        ["icd10Code"] = "must be an ICD-10-CM code such as S82.101A or M54.5",
        ["npi"] = "must be a 10-digit NPI",
        ["sha256"] = "must be a SHA-256 digest: 64 lower-case hex digits",
        ["mediaType"] = "must be a media type such as application/pdf",
        ["size"] = "must be a whole number of bytes, 0 or more",
        ["question"] = "must be a non-empty string, or an object with a non-empty text and an optional id",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Collect(EvaluationResults node, JsonElement schemaRoot, JsonElement instanceRoot, ErrorCollector errors)
    {
        if (node.IsValid)
        {
            return;
        }

        var schemaPointer = Uri.UnescapeDataString(node.SchemaLocation.Fragment.TrimStart('#'));
        var instancePointer = node.InstanceLocation.ToString();
        if (schemaPointer.StartsWith(DefsPrefix, StringComparison.Ordinal)
            && schemaPointer.IndexOf('/', DefsPrefix.Length) < 0
            && ValueTypeReasons.TryGetValue(schemaPointer[DefsPrefix.Length..], out var valueReason))
        {
            errors.Add(FieldPath.FromPointer(instancePointer), valueReason);
            return;
        }

        if (node.Errors is { Count: > 0 } keywordErrors)
        {
            FieldPath.TryResolve(schemaRoot, schemaPointer, out var schemaNode);
            foreach (var keyword in keywordErrors.Keys)
            {
                AddKeywordError(keyword, schemaNode, instanceRoot, instancePointer, errors);
            }
        }

        if (node.Details is { } details)
        {
            foreach (var child in details)
            {
                Collect(child, schemaRoot, instanceRoot, errors);
            }
        }
    }

    private static void AddKeywordError(string keyword, JsonElement schemaNode, JsonElement instanceRoot, string instancePointer, ErrorCollector errors)
    {
        var path = FieldPath.FromPointer(instancePointer);
        switch (keyword)
        {
            case "required":
                AddMissing(schemaNode, instanceRoot, instancePointer, path, errors);
                break;
            case "type":
                errors.Add(path, TypeReason(Keyword(schemaNode, "type")));
                break;
            case "enum" when Keyword(schemaNode, "enum") is { ValueKind: JsonValueKind.Array } values:
                errors.Add(path, "must be one of: " + string.Join(", ", values.EnumerateArray().Select(v => v.ToString())));
                break;
            case "minLength":
                var min = Number(schemaNode, "minLength");
                errors.Add(path, min == "1" ? "must not be empty" : $"must be at least {min} characters long");
                break;
            case "maxLength":
                errors.Add(path, $"must be at most {Number(schemaNode, "maxLength")} characters long");
                break;
            case "minimum":
                errors.Add(path, $"must be at least {Number(schemaNode, "minimum")}");
                break;
            case "maximum":
                errors.Add(path, $"must be at most {Number(schemaNode, "maximum")}");
                break;
            case "format":
                errors.Add(path, $"must be a valid {Keyword(schemaNode, "format")}");
                break;
            case "pattern":
                errors.Add(path, "does not have the expected format");
                break;
            case "":
            case "false":
            case "additionalProperties":
                errors.Add(path, "is not a field of the canonical referral");
                break;
            default:
                errors.Add(path, "is not valid");
                break;
        }
    }

    private static void AddMissing(JsonElement schemaNode, JsonElement instanceRoot, string instancePointer, string path, ErrorCollector errors)
    {
        if (Keyword(schemaNode, "required") is not { ValueKind: JsonValueKind.Array } required
            || !FieldPath.TryResolve(instanceRoot, instancePointer, out var instance)
            || instance.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "is missing a required field");
            return;
        }

        foreach (var name in required.EnumerateArray())
        {
            var property = name.GetString()!;
            if (!instance.TryGetProperty(property, out _))
            {
                errors.Add(FieldPath.Property(path, property), "is required");
            }
        }
    }

    private static string TypeReason(JsonElement type) => type.ValueKind == JsonValueKind.String
        ? type.GetString() switch
        {
            "object" => "must be an object",
            "array" => "must be an array",
            "string" => "must be a string",
            "boolean" => "must be true or false",
            "integer" => "must be a whole number",
            "number" => "must be a number",
            _ => "has the wrong type",
        }
        : "has the wrong type";

    private static JsonElement Keyword(JsonElement schemaNode, string keyword) =>
        schemaNode.ValueKind == JsonValueKind.Object && schemaNode.TryGetProperty(keyword, out var value) ? value : default;

    private static string Number(JsonElement schemaNode, string keyword) =>
        Keyword(schemaNode, keyword) is { ValueKind: JsonValueKind.Number } value
            ? value.GetDecimal().ToString(CultureInfo.InvariantCulture)
            : "the limit";
}
