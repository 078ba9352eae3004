using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ImeBridge.Core.Validation;

/// <summary>
/// Field paths as partners read them: <c>claimant.dateOfBirth</c>, <c>request.questions[0]</c>; <c>$</c> is the whole body.
/// </summary>
internal static class FieldPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        parent.Length == 0 || parent == Root ? name : string.Concat(parent, ".", name);

    public static string Index(string parent, int index) =>
        string.Concat(parent, "[", index.ToString(CultureInfo.InvariantCulture), "]");

    /// <summary><c>/request/questions/0</c> (a JSON Pointer) → <c>request.questions[0]</c>; array indexes are the all-digit segments.</summary>
    public static string FromPointer(string pointer)
    {
        var path = new StringBuilder(pointer.Length + 8);
        foreach (var segment in PointerSegments(pointer))
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
            {
                path.Append('[').Append(segment).Append(']');
            }
            else
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(segment);
            }
        }

        return path.Length == 0 ? Root : path.ToString();
    }

    /// <summary><c>$.documents[0].size</c> (System.Text.Json's path) → <c>documents[0].size</c>.</summary>
    public static string FromJsonPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == Root)
        {
            return Root;
        }

        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }

    /// <summary>The segments of a JSON Pointer, unescaped.</summary>
    public static IEnumerable<string> PointerSegments(string pointer)
    {
        if (pointer.Length <= 1)
        {
            yield break;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            yield return raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }
    }

    /// <summary>Follows a JSON Pointer from <paramref name="root"/>; false when it leads nowhere.</summary>
    public static bool TryResolve(JsonElement root, string pointer, out JsonElement found)
    {
        found = root;
        foreach (var segment in PointerSegments(pointer))
        {
            switch (found.ValueKind)
            {
                case JsonValueKind.Object when found.TryGetProperty(segment, out var child):
                    found = child;
                    break;
                case JsonValueKind.Array
                    when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < found.GetArrayLength():
                    found = found[index];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
