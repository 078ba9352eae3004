using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImeBridge.Core.Json;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Validation;

/// <summary>
/// For a body the schema already refused: reads as much of it into a <see cref="Referral"/> as .NET can hold,
/// dropping each value that cannot be read (a malformed date, a string where an object belongs), so the
/// business rules can still report on the rest and the partner learns about every problem at once.
/// </summary>
internal static class LenientReferralDeserializer
{
    private const int MaxDrops = 64;

    public static Referral? Deserialize(ReadOnlySpan<byte> canonical)
    {
        var root = JsonNode.Parse(canonical);
        if (root is not JsonObject)
        {
            return null;
        }

        for (var drop = 0; drop <= MaxDrops; drop++)
        {
            try
            {
                return root.Deserialize(ReferralJsonContext.Default.Referral);
            }
            catch (JsonException unreadable)
            {
                if (!TryRemove(root, unreadable.Path))
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>Removes the value at a System.Text.Json path such as <c>$.request.questions[1]</c>.</summary>
    private static bool TryRemove(JsonNode root, string? path)
    {
        var segments = Segments(path);
        if (segments is not { Count: > 0 })
        {
            return false;
        }

        var parent = root;
        foreach (var segment in segments.Take(segments.Count - 1))
        {
            parent = segment.Index is { } index
                ? parent is JsonArray array && index < array.Count ? array[index] : null
                : parent is JsonObject obj ? obj[segment.Name!] : null;
            if (parent is null)
            {
                return false;
            }
        }

        var last = segments[^1];
        switch (parent)
        {
            case JsonArray array when last.Index is { } index && index < array.Count:
                array.RemoveAt(index);
                return true;
            case JsonObject obj when last.Name is { } name:
                return obj.Remove(name);
            default:
                return false;
        }
    }

    private static List<(string? Name, int? Index)>? Segments(string? path)
    {
        if (path is null || !path.StartsWith('$'))
        {
            return null;
        }

        var segments = new List<(string? Name, int? Index)>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add((path[(i + 1)..end], null));
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null; // a quoted name (['a.b']) only occurs inside extensions, which always read
                }

                segments.Add((null, index));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }
}
