using System.Globalization;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Batch;

/// <summary>
/// Turns one cell into the canonical value of its field: value map, then booleans, whole numbers and declared
/// date formats. A cell that cannot be turned canonical gives an error naming the field, never the value, and
/// is kept as it was so the rejected record still shows what arrived.
/// </summary>
internal static class CsvCellConverter
{
    private static readonly char[] LineBreaks = ['\r', '\n'];

    /// <summary>The value for <paramref name="leaf"/>: a string, bool, long or (for a list) a list of those.</summary>
    public static object Convert(CsvLeaf leaf, string cell, bool fromDefault, string listSeparator, List<FieldError> errors)
    {
        if (!leaf.Field.IsList)
        {
            return ConvertOne(leaf, cell, leaf.Path, fromDefault, errors);
        }

        var items = new List<object>();
        foreach (var line in cell.Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var part in line.Split(listSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var path = leaf.Path + "[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]";
                items.Add(ConvertOne(leaf, part, path, fromDefault, errors));
            }
        }

        return items;
    }

    private static object ConvertOne(CsvLeaf leaf, string value, string path, bool fromDefault, List<FieldError> errors)
    {
        if (!fromDefault && leaf.ValueMap is { } map)
        {
            if (!map.TryGetValue(value, out var mapped))
            {
                errors.Add(new FieldError(path, "has a value the partner's CSV layout does not map"));
                return value;
            }

            value = mapped;
        }

        switch (leaf.Field.Type)
        {
            case CanonicalValueType.Boolean when TryParseBoolean(value, out var flag):
                return flag;
            case CanonicalValueType.Boolean:
                errors.Add(new FieldError(path, "must be yes or no (true, false, yes, no, y, n, 1 or 0)"));
                return value;
            case CanonicalValueType.Integer when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number):
                return number;
            case CanonicalValueType.Integer:
                errors.Add(new FieldError(path, "must be a whole number"));
                return value;
            case CanonicalValueType.Date when !fromDefault && leaf.DateFormats is { } formats:
                if (CsvDates.TryParse(value, formats, out var date))
                {
                    return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }

                errors.Add(new FieldError(path, $"is not a date in the format the partner's CSV layout declares ({string.Join(" or ", formats)})"));
                return value;
            default:
                return value;
        }
    }

    public static bool TryParseBoolean(string value, out bool flag)
    {
        switch (value.ToUpperInvariant())
        {
            case "TRUE" or "YES" or "Y" or "1":
                flag = true;
                return true;
            case "FALSE" or "NO" or "N" or "0":
                flag = false;
                return true;
            default:
                flag = false;
                return false;
        }
    }
}
