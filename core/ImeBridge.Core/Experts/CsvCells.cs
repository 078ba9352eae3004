using System.Globalization;

namespace ImeBridge.Core.Experts;

/// <summary>One CSV row's cells by canonical column name: trimmed, blank as null, numbers and lists parsed with errors named by column.</summary>
internal sealed class CsvCells(IReadOnlyDictionary<string, string?> cells, RowErrors errors)
{
    public const char ListSeparator = '|';

    private static readonly string[] TrueWords = ["true", "yes", "y", "1"];
    private static readonly string[] FalseWords = ["false", "no", "n", "0"];

    /// <summary>Records a problem with <paramref name="column"/> found while interpreting the cells.</summary>
    public void Refuse(string column, string reason) => errors.Add(column, reason);

    public string? Text(string column) => cells.TryGetValue(column, out var value) ? value : null;

    /// <summary>The items of a <c>|</c>-separated cell, each trimmed, blanks dropped.</summary>
    public List<string> List(string column) =>
        Text(column) is { } text
            ? [.. text.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
            : [];

    public int? Integer(string column)
    {
        if (Text(column) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(column, "must be a whole number");
        return null;
    }

    public double? Number(string column)
    {
        if (Text(column) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add(column, "must be a number written with a dot for decimals");
        return null;
    }

    public List<int> Integers(string column)
    {
        var values = new List<int>();
        var items = List(column);
        for (var i = 0; i < items.Count; i++)
        {
            if (int.TryParse(items[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                values.Add(value);
            }
            else
            {
                errors.Add(column, $"item {(i + 1).ToString(CultureInfo.InvariantCulture)} must be a whole number");
            }
        }

        return values;
    }

    public bool? Boolean(string column)
    {
        if (Text(column) is not { } text)
        {
            return null;
        }

        if (TrueWords.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (FalseWords.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        errors.Add(column, "must be true or false (yes/no, 1/0 also work)");
        return null;
    }
}
