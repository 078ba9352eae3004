using System.Collections.Frozen;
using System.Globalization;

namespace ImeBridge.Core.Batch;

/// <summary>What to do with every column of one CSV file: which canonical field it fills, or which extension keeps it.</summary>
internal sealed class CsvPlan
{
    private CsvPlan(int columnCount, CsvObjectNode root, IReadOnlyList<CsvLeaf> leaves, IReadOnlyList<(int Column, string Key)> extensions, CsvLeaf? externalId)
    {
        ColumnCount = columnCount;
        Root = root;
        Leaves = leaves;
        Extensions = extensions;
        ExternalId = externalId;
    }

    public int ColumnCount { get; }

    public CsvObjectNode Root { get; }

    /// <summary>The leaves in depth-first order: the index of a leaf is its slot in a row's values.</summary>
    public IReadOnlyList<CsvLeaf> Leaves { get; }

    /// <summary>Columns no field takes, kept under <c>extensions</c> by their header.</summary>
    public IReadOnlyList<(int Column, string Key)> Extensions { get; }

    public CsvLeaf? ExternalId { get; }

    /// <summary>Plans a file from its header row; throws <see cref="BatchFileException"/> when the file cannot be read with <paramref name="layout"/>.</summary>
    public static CsvPlan Build(IReadOnlyList<string> header, CsvLayout? layout)
    {
        var names = header.Select(h => h.Trim()).ToArray();
        var taken = new bool[names.Length];
        var leaves = new Dictionary<string, (CanonicalPath Path, CsvLeaf Leaf)>(StringComparer.Ordinal);
        if (layout is not null)
        {
            TakeLayoutColumns(layout, names, taken, leaves);
        }

        TakeCanonicalColumns(names, taken, leaves);
        if (layout is null && leaves.Count == 0)
        {
            throw new BatchFileException(
                "The header row names no canonical field (such as source.externalId or claimant.lastName) and the partner has no CSV layout.");
        }

        if (layout is not null)
        {
            ApplyLayout(layout, leaves);
        }

        CsvObjectNode root;
        List<CsvLeaf> ordered;
        try
        {
            root = CsvTree.Build(leaves.Values, out ordered);
        }
        catch (CsvTreeConflictException conflict)
        {
            throw new BatchFileException("The header and layout cannot be read together: " + conflict.Message + ".");
        }

        var externalId = ordered.FirstOrDefault(l => l.Path == "source.externalId");
        return new CsvPlan(names.Length, root, ordered, ExtensionColumns(names, taken), externalId);
    }

    private static void TakeLayoutColumns(CsvLayout layout, string[] names, bool[] taken, Dictionary<string, (CanonicalPath, CsvLeaf)> leaves)
    {
        foreach (var (target, columnName) in layout.Columns)
        {
            var (path, field) = Resolve(target);
            var spelled = path.SpelledAs(field);
            var matches = Enumerable.Range(0, names.Length)
                .Where(i => string.Equals(names[i], columnName.Trim(), StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (matches.Count == 0)
            {
                throw new BatchFileException($"The CSV layout maps {spelled} to column '{columnName}', which the file's header row does not have.");
            }

            if (matches.Count > 1)
            {
                throw new BatchFileException($"The file's header row has column '{columnName}' {matches.Count} times, so {spelled} is ambiguous.");
            }

            var leaf = new CsvLeaf(spelled, field) { Column = matches[0], ColumnFromLayout = true };
            leaves[spelled] = (path, leaf);
            taken[matches[0]] = true;
        }
    }

    private static void TakeCanonicalColumns(string[] names, bool[] taken, Dictionary<string, (CanonicalPath Path, CsvLeaf Leaf)> leaves)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (taken[i] || CanonicalPath.TryParse(names[i]) is not { } path || CanonicalFields.Find(path) is not { } field)
            {
                continue;
            }

            var spelled = path.SpelledAs(field);
            if (leaves.TryGetValue(spelled, out var existing))
            {
                if (existing.Leaf.ColumnFromLayout)
                {
                    continue; // the layout chose another column for this field; this one is kept as an extension
                }

                throw new BatchFileException(
                    $"The header row names {spelled} twice (columns {existing.Leaf.Column + 1} and {i + 1}).");
            }

            leaves[spelled] = (path, new CsvLeaf(spelled, field) { Column = i });
            taken[i] = true;
        }
    }

    private static void ApplyLayout(CsvLayout layout, Dictionary<string, (CanonicalPath Path, CsvLeaf Leaf)> leaves)
    {
        foreach (var (target, value) in layout.Defaults)
        {
            var (path, field) = Resolve(target);
            var spelled = path.SpelledAs(field);
            if (!leaves.TryGetValue(spelled, out var entry))
            {
                entry = (path, new CsvLeaf(spelled, field));
                leaves[spelled] = entry;
            }

            entry.Leaf.Default = value;
        }

        var valueMaps = layout.Values.ToDictionary(
            v => Spelled(v.Key),
            v => v.Value.ToFrozenDictionary(p => p.Key.Trim(), p => p.Value, StringComparer.OrdinalIgnoreCase),
            StringComparer.Ordinal);
        var fieldFormats = layout.FieldDateFormats.ToDictionary(f => Spelled(f.Key), f => f.Value.ToArray(), StringComparer.Ordinal);
        string[]? anyDateFormats = layout.DateFormats.Count > 0 ? [.. layout.DateFormats] : null;
        foreach (var (_, leaf) in leaves.Values)
        {
            leaf.ValueMap = valueMaps.GetValueOrDefault(leaf.Path);
            if (leaf.Field.Type == CanonicalValueType.Date)
            {
                leaf.DateFormats = fieldFormats.GetValueOrDefault(leaf.Path) ?? anyDateFormats;
            }
        }
    }

    private static List<(int Column, string Key)> ExtensionColumns(string[] names, bool[] taken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var extensions = new List<(int, string)>();
        for (var i = 0; i < names.Length; i++)
        {
            if (taken[i])
            {
                continue;
            }

            var key = names[i].StartsWith("extensions.", StringComparison.Ordinal) ? names[i]["extensions.".Length..] : names[i];
            if (key.Length == 0 || !keys.Add(key))
            {
                key = "column" + (i + 1).ToString(CultureInfo.InvariantCulture);
                while (!keys.Add(key))
                {
                    key += "_";
                }
            }

            extensions.Add((i, key));
        }

        return extensions;
    }

    private static string Spelled(string target)
    {
        var (path, field) = Resolve(target);
        return path.SpelledAs(field);
    }

    /// <summary>A path the layout names; <see cref="CsvLayout.Validate"/> has already refused the unknown ones.</summary>
    private static (CanonicalPath Path, CanonicalField Field) Resolve(string target) =>
        CanonicalPath.TryParse(target) is { } path && CanonicalFields.Find(path) is { } field
            ? (path, field)
            : throw new BatchFileException($"The CSV layout names {target}, which is not a canonical field.");
}
