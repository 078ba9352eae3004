using System.Runtime.InteropServices;
using System.Text.Json;

namespace ImeBridge.Core.Validation;

/// <summary>
/// Finds a property sent twice in the same object, at any depth, and says where. System.Text.Json can refuse
/// duplicates while parsing (<c>AllowDuplicateProperties = false</c>), but that check costs three times the parse
/// itself and cannot say which property it was; comparing each object's names here costs a small part of it.
/// </summary>
internal static class DuplicateProperties
{
    /// <summary>Objects with more properties than this are checked with a set rather than pairwise.</summary>
    private const int PairwiseLimit = 16;

    /// <summary>The path of the first property sent twice (<c>claimant.lastName</c>), or null when there is none.</summary>
    public static string? FindFirst(JsonElement element) => Find(element, FieldPath.Root);

    private static string? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return FindInObject(element, path);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                        && Find(item, FieldPath.Index(path, index)) is { } found)
                    {
                        return found;
                    }

                    index++;
                }

                return null;
            default:
                return null;
        }
    }

    private static string? FindInObject(JsonElement element, string path)
    {
        if (FindRepeatedName(element) is { } repeated)
        {
            return FieldPath.Property(path, repeated);
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                && Find(property.Value, FieldPath.Property(path, property.Name)) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string? FindRepeatedName(JsonElement element)
    {
        var count = 0;
        var escaped = false;
        foreach (var property in element.EnumerateObject())
        {
            escaped |= JsonMarshal.GetRawUtf8PropertyName(property).Contains((byte)'\\');
            count++;
        }

        return count < 2 ? null
            : count <= PairwiseLimit && !escaped ? FindRepeatedRawName(element)
            : FindRepeatedDecodedName(element);
    }

    /// <summary>Names without escapes are equal exactly when their UTF-8 bytes are.</summary>
    private static string? FindRepeatedRawName(JsonElement element)
    {
        var position = 0;
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            var earlierPosition = 0;
            foreach (var earlier in element.EnumerateObject())
            {
                if (earlierPosition++ == position)
                {
                    break;
                }

                if (JsonMarshal.GetRawUtf8PropertyName(earlier).SequenceEqual(name))
                {
                    return property.Name;
                }
            }

            position++;
        }

        return null;
    }

    private static string? FindRepeatedDecodedName(JsonElement element)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                return property.Name;
            }
        }

        return null;
    }
}
