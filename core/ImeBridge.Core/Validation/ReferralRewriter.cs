using System.Runtime.InteropServices;
using System.Text.Json;

namespace ImeBridge.Core.Validation;

/// <summary>
/// One pass over a partner's body that writes the canonical candidate the schema then judges:
/// <list type="bullet">
/// <item>fields ImeBridge assigns are refused (<c>referralId</c>, <c>status</c>, <c>source.receivedAt</c>,
/// <c>source.originalDocument</c>, and <c>source.channel</c> when it names another channel than the one the
/// body arrived on); <c>source.partnerId</c> must be the partner it was sent for;</item>
/// <item><c>source.channel</c> and <c>source.partnerId</c> are always written from the defaults, and
/// <c>referrer.kind</c> / <c>referrer.organization</c> from the partner when the body leaves them out;</item>
/// <item>a <c>null</c> or blank property counts as absent; strings are trimmed; enum values are matched
/// ignoring case and written as the schema spells them; phones become E.164, SHA-256 digests lower case,
/// ICD-10 codes upper case, language tags <c>en-US</c>;</item>
/// <item>every property the schema does not know, at any depth, moves to the root <c>extensions</c> under its
/// dotted path; the partner's own <c>extensions</c> entries are kept as they are.</item>
/// </list>
/// Values of the wrong type are copied as they are for the schema to report.
/// </summary>
internal sealed class ReferralRewriter
{
    private const string AssignedReason = "is assigned by ImeBridge; leave it out";

    private readonly Utf8JsonWriter writer;
    private readonly ReferralDefaults defaults;
    private readonly ErrorCollector errors;
    private readonly List<KeyValuePair<string, JsonElement>> unknowns = [];

    private ReferralRewriter(Utf8JsonWriter writer, ReferralDefaults defaults, ErrorCollector errors)
    {
        this.writer = writer;
        this.defaults = defaults;
        this.errors = errors;
    }

    private enum Role
    {
        None,
        Source,
        Referrer,
    }

    /// <summary>Writes the canonical candidate of <paramref name="body"/> (a JSON object) to <paramref name="writer"/>.</summary>
    public static void Rewrite(JsonElement body, ShapeNode shape, ReferralDefaults defaults, Utf8JsonWriter writer, ErrorCollector errors) =>
        new ReferralRewriter(writer, defaults, errors).WriteRoot(body, shape);

    private void WriteRoot(JsonElement body, ShapeNode shape)
    {
        var known = shape.Properties!;
        JsonElement? extensions = null;
        var wroteSource = false;
        var wroteReferrer = false;
        writer.WriteStartObject();
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (name is "referralId" or "status")
            {
                if (value.ValueKind != JsonValueKind.Null)
                {
                    errors.Add(name, AssignedReason);
                }

                continue;
            }

            if (name == "extensions")
            {
                extensions = value.ValueKind == JsonValueKind.Null ? null : value;
                continue;
            }

            if (!known.TryGetValue(name, out var child))
            {
                unknowns.Add(new(name, value));
                continue;
            }

            var role = name switch { "source" => Role.Source, "referrer" => Role.Referrer, _ => Role.None };
            var wrote = WriteProperty(name, value, child, "", role);
            wroteSource |= wrote && role == Role.Source;
            wroteReferrer |= wrote && role == Role.Referrer;
        }

        if (!wroteSource)
        {
            writer.WriteStartObject("source");
            WriteSourceDefaults();
            writer.WriteEndObject();
        }

        if (!wroteReferrer && (defaults.ReferrerKind is not null || defaults.ReferrerOrganization is not null))
        {
            writer.WriteStartObject("referrer");
            WriteReferrerDefaults(wroteKind: false, wroteOrganization: false);
            writer.WriteEndObject();
        }

        WriteExtensions(extensions);
        writer.WriteEndObject();
    }

    /// <summary>Writes one known property; false when it was left out (null or blank).</summary>
    private bool WriteProperty(string name, JsonElement value, ShapeNode shape, string parentPath, Role role)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return false;
            case JsonValueKind.String when shape.IsValue && IsPlain(value, shape):
                writer.WritePropertyName(name);
                value.WriteTo(writer);
                return true;
            case JsonValueKind.String when shape.IsValue:
                var text = NormalizeString(value, shape, out var invalidPhone);
                if (invalidPhone)
                {
                    errors.Add(FieldPath.Property(parentPath, name), PhoneNormalizer.InvalidReason);
                }

                if (text.Length == 0)
                {
                    return false;
                }

                writer.WriteString(name, text);
                return true;
            case JsonValueKind.Object when shape.ObjectShape is { } objectShape:
                writer.WritePropertyName(name);
                WriteObject(value, objectShape, FieldPath.Property(parentPath, name), role);
                return true;
            case JsonValueKind.Array when shape.Items is { } items:
                writer.WritePropertyName(name);
                WriteArray(value, items, FieldPath.Property(parentPath, name));
                return true;
            default:
                writer.WritePropertyName(name);
                value.WriteTo(writer);
                return true;
        }
    }

    private void WriteObject(JsonElement value, ShapeNode shape, string path, Role role)
    {
        var known = shape.Properties!;
        var wroteKind = false;
        var wroteOrganization = false;
        writer.WriteStartObject();
        foreach (var property in value.EnumerateObject())
        {
            var name = property.Name;
            if (role == Role.Source && IsAssignedSourceProperty(name, property.Value, path))
            {
                continue;
            }

            if (!known.TryGetValue(name, out var child))
            {
                unknowns.Add(new(FieldPath.Property(path, name), property.Value));
                continue;
            }

            var wrote = WriteProperty(name, property.Value, child, path, Role.None);
            wroteKind |= wrote && name == "kind";
            wroteOrganization |= wrote && name == "organization";
        }

        if (role == Role.Source)
        {
            WriteSourceDefaults();
        }
        else if (role == Role.Referrer)
        {
            WriteReferrerDefaults(wroteKind, wroteOrganization);
        }

        writer.WriteEndObject();
    }

    private void WriteArray(JsonElement value, ShapeNode items, string path)
    {
        var index = 0;
        writer.WriteStartArray();
        foreach (var item in value.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String when items.IsValue && IsPlain(item, items):
                    item.WriteTo(writer);
                    break;
                case JsonValueKind.String when items.IsValue:
                    writer.WriteStringValue(NormalizeString(item, items, out var invalidPhone));
                    if (invalidPhone)
                    {
                        errors.Add(FieldPath.Index(path, index), PhoneNormalizer.InvalidReason);
                    }

                    break;
                case JsonValueKind.Object when items.ObjectShape is { } objectShape:
                    WriteObject(item, objectShape, FieldPath.Index(path, index), Role.None);
                    break;
                default:
                    item.WriteTo(writer);
                    break;
            }

            index++;
        }

        writer.WriteEndArray();
    }

    /// <summary>Checks the <c>source</c> fields ImeBridge sets itself; true when the property is handled here and not copied.</summary>
    private bool IsAssignedSourceProperty(string name, JsonElement value, string path)
    {
        switch (name)
        {
            case "receivedAt" or "originalDocument":
                if (value.ValueKind != JsonValueKind.Null)
                {
                    errors.Add(FieldPath.Property(path, name), AssignedReason);
                }

                return true;
            case "channel":
                if (!IsNullOrEqual(value, defaults.Channel))
                {
                    errors.Add(FieldPath.Property(path, name), $"is assigned by ImeBridge from the channel the referral arrived on ({defaults.Channel}); leave it out");
                }

                return true;
            case "partnerId":
                if (!IsNullOrEqual(value, defaults.PartnerId))
                {
                    errors.Add(FieldPath.Property(path, name), "does not match the partner that sent it");
                }

                return true;
            default:
                return false;
        }
    }

    private static bool IsNullOrEqual(JsonElement value, string expected) =>
        value.ValueKind == JsonValueKind.Null
        || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString()!.Trim(), expected, StringComparison.Ordinal));

    private void WriteSourceDefaults()
    {
        writer.WriteString("channel", defaults.Channel);
        writer.WriteString("partnerId", defaults.PartnerId);
    }

    private void WriteReferrerDefaults(bool wroteKind, bool wroteOrganization)
    {
        if (!wroteKind && !string.IsNullOrWhiteSpace(defaults.ReferrerKind))
        {
            writer.WriteString("kind", defaults.ReferrerKind.Trim());
        }

        if (!wroteOrganization && !string.IsNullOrWhiteSpace(defaults.ReferrerOrganization))
        {
            writer.WriteString("organization", defaults.ReferrerOrganization.Trim());
        }
    }

    private void WriteExtensions(JsonElement? partnerExtensions)
    {
        if (partnerExtensions is null && unknowns.Count == 0)
        {
            return;
        }

        writer.WritePropertyName("extensions");
        if (partnerExtensions is { ValueKind: not JsonValueKind.Object } notAnObject)
        {
            // The schema reports it; the body is refused, and its original bytes are kept by the caller.
            notAnObject.WriteTo(writer);
            return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartObject();
        if (partnerExtensions is { } sent)
        {
            foreach (var entry in sent.EnumerateObject())
            {
                if (keys.Add(entry.Name))
                {
                    entry.WriteTo(writer);
                }
            }
        }

        foreach (var (key, value) in unknowns)
        {
            if (keys.Add(key))
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
            else
            {
                errors.Add(key, "is not a field of the canonical referral, and extensions already has an entry under the same key; rename one of them");
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// True for the common string that normalizing would not change, so it is copied without decoding: free
    /// text (no enum, no value type with a normalizer), no escapes, and ASCII, non-space first and last bytes.
    /// </summary>
    private static bool IsPlain(JsonElement value, ShapeNode shape)
    {
        if (shape.Enum is not null || shape.DefName is "phone" or "sha256" or "icd10Code" or "languageTag")
        {
            return false;
        }

        var raw = JsonMarshal.GetRawUtf8Value(value);
        var utf8 = raw[1..^1];
        return utf8.Length > 0
            && utf8[0] is > (byte)' ' and < 0x80
            && utf8[^1] is > (byte)' ' and < 0x80
            && !utf8.Contains((byte)'\\');
    }

    private static string NormalizeString(JsonElement value, ShapeNode shape, out bool invalidPhone)
    {
        invalidPhone = false;
        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            return text;
        }

        if (shape.Enum is { } values)
        {
            foreach (var allowed in values)
            {
                if (string.Equals(allowed, text, StringComparison.OrdinalIgnoreCase))
                {
                    return allowed;
                }
            }

            return text;
        }

        switch (shape.DefName)
        {
            case "phone":
                if (PhoneNormalizer.TryNormalize(text, out var e164))
                {
                    return e164;
                }

                invalidPhone = true;
                return text;
            case "sha256":
                return Ascii.Lower(text);
            case "icd10Code":
                return text.ToUpperInvariant();
            case "languageTag":
                return LanguageTags.Normalize(text);
            default:
                return text;
        }
    }
}
