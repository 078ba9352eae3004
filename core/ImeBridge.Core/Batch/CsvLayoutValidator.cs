using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Batch;

/// <summary>Finds what makes a <see cref="CsvLayout"/> unusable, in words an operator can act on.</summary>
internal static class CsvLayoutValidator
{
    public static IReadOnlyList<string> Problems(CsvLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var problems = new List<string>();
        if (layout.Delimiter is not { Length: 1 } delimiter || !char.IsAscii(delimiter[0]) || delimiter[0] is '"' or '\r' or '\n' or ' ')
        {
            problems.Add("delimiter must be one ASCII character other than a double quote, a space or a line break (\",\", \";\", \"\\t\" or \"|\")");
        }

        if (string.IsNullOrEmpty(layout.ListSeparator))
        {
            problems.Add("listSeparator must not be empty");
        }

        var fields = new List<(CanonicalPath Path, CsvLeaf Leaf)>();
        foreach (var (target, column) in layout.Columns ?? [])
        {
            if (Settable("columns", target, problems) is { } found)
            {
                fields.Add(found);
            }

            if (string.IsNullOrWhiteSpace(column))
            {
                problems.Add($"columns.{target} names no column");
            }
        }

        foreach (var (target, value) in layout.Defaults ?? [])
        {
            if (Settable("defaults", target, problems) is { } found)
            {
                CheckCanonical($"defaults.{target}", found.Leaf, value, problems);
                if (!fields.Any(f => f.Leaf.Path == found.Leaf.Path))
                {
                    fields.Add(found);
                }
            }
        }

        foreach (var (target, map) in layout.Values ?? [])
        {
            if (Settable("values", target, problems) is { } found)
            {
                foreach (var (partnerValue, canonical) in map ?? [])
                {
                    CheckCanonical($"values.{target}.{partnerValue}", found.Leaf, canonical, problems);
                }
            }
        }

        foreach (var format in layout.DateFormats ?? [])
        {
            CheckDateFormat("dateFormats", format, problems);
        }

        foreach (var (target, formats) in layout.FieldDateFormats ?? [])
        {
            if (Settable("fieldDateFormats", target, problems) is { } found && found.Leaf.Field.Type != CanonicalValueType.Date)
            {
                problems.Add($"fieldDateFormats.{target}: {found.Leaf.Path} is not a date field");
            }

            if (formats is null || formats.Count == 0)
            {
                problems.Add($"fieldDateFormats.{target} lists no format");
            }

            foreach (var format in formats ?? [])
            {
                CheckDateFormat($"fieldDateFormats.{target}", format, problems);
            }
        }

        try
        {
            CsvTree.Build(fields, out _);
        }
        catch (CsvTreeConflictException conflict)
        {
            problems.Add("columns: " + conflict.Message);
        }

        return problems;
    }

    private static (CanonicalPath Path, CsvLeaf Leaf)? Settable(string section, string target, List<string> problems)
    {
        if (CanonicalPath.TryParse(target) is not { } path || CanonicalFields.Find(path) is not { } field)
        {
            problems.Add($"{section}: {target} is not a canonical field path (see schemas/referral.v1.schema.json; positions are written parties[0].role)");
            return null;
        }

        if (field.IsAssigned)
        {
            problems.Add($"{section}: {target} is filled in by ImeBridge and cannot come from a CSV");
            return null;
        }

        return (path, new CsvLeaf(path.SpelledAs(field), field));
    }

    /// <summary>Checks a value the layout itself supplies (a default, the target of a value map) is canonical for its field.</summary>
    private static void CheckCanonical(string where, CsvLeaf leaf, string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{where} is empty");
            return;
        }

        var errors = new List<FieldError>();
        var items = CsvCellConverter.Convert(leaf, value.Trim(), fromDefault: true, "|", errors);
        foreach (var item in items is List<object> list ? list : [items])
        {
            if (leaf.Field.Enum is { } allowed && item is string text && !allowed.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{where} must be one of {string.Join(", ", allowed)}");
            }

            if (leaf.Field.Type == CanonicalValueType.Date && item is string date
                && !DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                problems.Add($"{where} must be a date written YYYY-MM-DD");
            }
        }

        problems.AddRange(errors.Select(e => $"{where} {e.Reason}"));
    }

    private static void CheckDateFormat(string where, string? format, List<string> problems)
    {
        if (format is null || !CsvDates.IsUsable(format))
        {
            problems.Add($"{where}: '{format}' is not a usable date format (it needs a year, a month and a day, e.g. MM/dd/yyyy)");
        }
    }
}
