using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImeBridge.Core.Validation;

/// <summary>
/// One subschema compiled for the hot path by <see cref="FastSchemaCompiler"/>: a yes/no answer, no output,
/// no allocation. JsonSchema.Net stays the reference and explains every failure.
/// </summary>
internal sealed class FastSchemaNode
{
    private const int StackChars = 256;
    private const int MaxNameChars = 64;

    private FrozenDictionary<string, FastSchemaNode>? properties;
    private FrozenDictionary<string, FastSchemaNode>.AlternateLookup<ReadOnlySpan<char>>? propertiesBySpan;

    /// <summary>A check on the text of a string (a <c>format</c>).</summary>
    public delegate bool TextCheck(ReadOnlySpan<char> value);

    [Flags]
    public enum JsonTypes
    {
        None = 0,
        Object = 1,
        Array = 2,
        String = 4,
        Integer = 8,
        Number = 16,
        Boolean = 32,
        Null = 64,
    }

    public bool? Constant { get; set; }

    public FastSchemaNode? Ref { get; set; }

    public JsonTypes Types { get; set; }

    public FrozenDictionary<string, FastSchemaNode>? Properties
    {
        get => properties;
        set
        {
            properties = value;
            propertiesBySpan = value?.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    public bool ClosedProperties { get; set; }

    public string[]? Required { get; set; }

    public FastSchemaNode? Items { get; set; }

    public JsonElement[]? Enum { get; set; }

    /// <summary>The text of each string in <see cref="Enum"/> (null for other values), read once.</summary>
    public string?[]? EnumText { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public Regex? Pattern { get; set; }

    public TextCheck? Format { get; set; }

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    public FastSchemaNode[]? AnyOf { get; set; }

    public bool IsValid(JsonElement instance)
    {
        if (Constant is { } constant)
        {
            return constant;
        }

        if (Ref is not null && !Ref.IsValid(instance))
        {
            return false;
        }

        if (Types != JsonTypes.None && (Types & TypeOf(instance)) == 0)
        {
            return false;
        }

        if (Enum is not null && !IsOneOf(Enum, EnumText!, instance))
        {
            return false;
        }

        var valid = instance.ValueKind switch
        {
            JsonValueKind.Object => IsValidObject(instance),
            JsonValueKind.Array => IsValidArray(instance),
            JsonValueKind.String => IsValidString(instance),
            JsonValueKind.Number => IsValidNumber(instance),
            _ => true,
        };
        return valid && (AnyOf is null || IsValidForAny(AnyOf, instance));
    }

    private static bool IsOneOf(JsonElement[] allowed, string?[] allowedText, JsonElement instance)
    {
        for (var i = 0; i < allowed.Length; i++)
        {
            var equal = allowedText[i] is { } text
                ? instance.ValueKind == JsonValueKind.String && instance.ValueEquals(text)
                : JsonElement.DeepEquals(allowed[i], instance);
            if (equal)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsValidForAny(FastSchemaNode[] branches, JsonElement instance)
    {
        for (var i = 0; i < branches.Length; i++)
        {
            if (branches[i].IsValid(instance))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsValidObject(JsonElement instance)
    {
        if (Required is not null)
        {
            foreach (var name in Required)
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    return false;
                }
            }
        }

        if (properties is null && !ClosedProperties)
        {
            return true;
        }

        Span<char> nameBuffer = stackalloc char[MaxNameChars];
        foreach (var property in instance.EnumerateObject())
        {
            if (FindProperty(property, nameBuffer) is { } schema)
            {
                if (!schema.IsValid(property.Value))
                {
                    return false;
                }
            }
            else if (ClosedProperties)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The schema of a property, looked up by its raw UTF-8 name when it has no escapes (no string allocated).</summary>
    private FastSchemaNode? FindProperty(JsonProperty property, Span<char> buffer)
    {
        if (propertiesBySpan is not { } lookup)
        {
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length <= MaxNameChars && !raw.Contains((byte)'\\'))
        {
            var length = Encoding.UTF8.GetChars(raw, buffer);
            return lookup.TryGetValue(buffer[..length], out var found) ? found : null;
        }

        return properties!.TryGetValue(property.Name, out var schema) ? schema : null;
    }

    private bool IsValidArray(JsonElement instance)
    {
        if (Items is null)
        {
            return true;
        }

        foreach (var item in instance.EnumerateArray())
        {
            if (!Items.IsValid(item))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsValidString(JsonElement instance)
    {
        if (MinLength is null && MaxLength is null && Pattern is null && Format is null)
        {
            return true;
        }

        // The raw token is "…" with quotes; without escapes its UTF-8 is the value, readable without allocating.
        var raw = JsonMarshal.GetRawUtf8Value(instance);
        var utf8 = raw[1..^1];
        if (utf8.Contains((byte)'\\'))
        {
            return IsValidText(instance.GetString());
        }

        if (Pattern is null && Format is null)
        {
            return IsValidLength(CodePoints(utf8));
        }

        if (utf8.Length > StackChars)
        {
            return IsValidText(instance.GetString());
        }

        Span<char> chars = stackalloc char[StackChars];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        return IsValidText(chars[..count]);
    }

    private bool IsValidText(ReadOnlySpan<char> value) =>
        IsValidLength(CodePoints(value))
        && (Pattern is null || Pattern.IsMatch(value))
        && (Format is null || Format(value));

    private bool IsValidLength(int codePoints) => !(codePoints < MinLength) && !(codePoints > MaxLength);

    private bool IsValidNumber(JsonElement instance)
    {
        if (Minimum is null && Maximum is null)
        {
            return true;
        }

        if (!instance.TryGetDecimal(out var value))
        {
            return false; // beyond decimal's range: let the reference decide
        }

        return !(value < Minimum) && !(value > Maximum);
    }

    private static JsonTypes TypeOf(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => JsonTypes.Object,
        JsonValueKind.Array => JsonTypes.Array,
        JsonValueKind.String => JsonTypes.String,
        JsonValueKind.Number => instance.TryGetDecimal(out var number) && decimal.Truncate(number) == number
            ? JsonTypes.Integer | JsonTypes.Number
            : JsonTypes.Number,
        JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
        JsonValueKind.Null => JsonTypes.Null,
        _ => JsonTypes.None,
    };

    private static int CodePoints(ReadOnlySpan<char> value)
    {
        var count = value.Length;
        foreach (var c in value)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    /// <summary>Code points of UTF-8 text: every byte that does not continue a sequence starts one.</summary>
    private static int CodePoints(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
