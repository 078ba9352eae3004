using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Batch;

/// <summary>Writes each row of one CSV file as canonical referral JSON, following the file's <see cref="CsvPlan"/>. Not thread-safe: one per file.</summary>
internal sealed class CsvRowMapper : IDisposable
{
    private const string RootPath = "$";

    // The JSON is kept for an operator to read and fix; it is never embedded in HTML, so non-ASCII text stays readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CsvPlan plan;
    private readonly HashSet<string> nullMarkers;
    private readonly string listSeparator;
    private readonly object?[] values;
    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private readonly Utf8JsonWriter writer;
    private readonly int externalIdSlot;

    public CsvRowMapper(CsvPlan plan, CsvLayout? layout)
    {
        this.plan = plan;
        nullMarkers = new HashSet<string>(layout?.NullMarkers ?? [], StringComparer.Ordinal);
        listSeparator = layout?.ListSeparator ?? "|";
        values = new object?[plan.Leaves.Count];
        writer = new Utf8JsonWriter(buffer, WriterOptions);
        externalIdSlot = plan.ExternalId is { } leaf ? IndexOf(leaf) : -1;
    }

    public void Dispose() => writer.Dispose();

    /// <param name="malformed">CSV-level trouble in this row (a stray quote), reported by the parser.</param>
    public BatchRecord Map(long row, IReadOnlyList<string> fields, bool malformed)
    {
        var errors = new List<FieldError>();
        if (malformed)
        {
            errors.Add(new FieldError(RootPath, "is not valid CSV (a quote inside an unquoted field, or text after a closing quote)"));
        }

        if (fields.Count != plan.ColumnCount)
        {
            errors.Add(new FieldError(
                RootPath,
                $"has {fields.Count.ToString(CultureInfo.InvariantCulture)} fields where the header row has {plan.ColumnCount.ToString(CultureInfo.InvariantCulture)}"));
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ValueOf(plan.Leaves[i], fields, errors);
        }

        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        WriteObject(plan.Root, fields);
        writer.Flush();
        var externalId = externalIdSlot >= 0 ? values[externalIdSlot] as string : null;
        return new BatchRecord(row, externalId, buffer.WrittenSpan.ToArray(), errors);
    }

    private object? ValueOf(CsvLeaf leaf, IReadOnlyList<string> fields, List<FieldError> errors)
    {
        var cell = leaf.Column >= 0 && leaf.Column < fields.Count ? Present(fields[leaf.Column]) : null;
        if (cell is not null)
        {
            return CsvCellConverter.Convert(leaf, cell, fromDefault: false, listSeparator, errors);
        }

        return leaf.Default is { } fallback ? CsvCellConverter.Convert(leaf, fallback, fromDefault: true, listSeparator, errors) : null;
    }

    /// <summary>The trimmed cell, or null when it is empty or a null marker.</summary>
    private string? Present(string cell)
    {
        var trimmed = cell.Trim();
        return trimmed.Length == 0 || nullMarkers.Contains(trimmed) ? null : trimmed;
    }

    private void WriteObject(CsvObjectNode node, IReadOnlyList<string>? fields)
    {
        writer.WriteStartObject();
        foreach (var (name, child) in node.Children)
        {
            if (HasValue(child))
            {
                writer.WritePropertyName(name);
                WriteNode(child);
            }
        }

        if (fields is not null)
        {
            WriteExtensions(fields);
        }

        writer.WriteEndObject();
    }

    private void WriteNode(CsvTreeNode node)
    {
        switch (node)
        {
            case CsvObjectNode obj:
                WriteObject(obj, fields: null);
                break;
            case CsvArrayNode array:
                writer.WriteStartArray();
                foreach (var item in array.Items.Values)
                {
                    if (HasValue(item))
                    {
                        WriteNode(item);
                    }
                }

                writer.WriteEndArray();
                break;
            case CsvLeafNode leaf:
                WriteValue(values[leaf.FirstLeaf]!);
                break;
        }
    }

    private void WriteValue(object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case List<object> items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(item);
                }

                writer.WriteEndArray();
                break;
        }
    }

    /// <summary>Columns no field takes, and any fields past the header's last column, kept under <c>extensions</c>.</summary>
    private void WriteExtensions(IReadOnlyList<string> fields)
    {
        var started = false;
        foreach (var (column, key) in plan.Extensions)
        {
            if (column < fields.Count && Present(fields[column]) is { } value)
            {
                StartExtensions(ref started);
                writer.WriteString(key, value);
            }
        }

        for (var column = plan.ColumnCount; column < fields.Count; column++)
        {
            if (Present(fields[column]) is { } value)
            {
                StartExtensions(ref started);
                writer.WriteString("column" + (column + 1).ToString(CultureInfo.InvariantCulture), value);
            }
        }

        if (started)
        {
            writer.WriteEndObject();
        }
    }

    private void StartExtensions(ref bool started)
    {
        if (!started)
        {
            writer.WriteStartObject("extensions");
            started = true;
        }
    }

    private bool HasValue(CsvTreeNode node)
    {
        for (var i = node.FirstLeaf; i < node.EndLeaf; i++)
        {
            if (values[i] is not null and not List<object> { Count: 0 })
            {
                return true;
            }
        }

        return false;
    }

    private int IndexOf(CsvLeaf leaf)
    {
        for (var i = 0; i < plan.Leaves.Count; i++)
        {
            if (ReferenceEquals(plan.Leaves[i], leaf))
            {
                return i;
            }
        }

        return -1;
    }
}
