using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeBridge.Core.Json;

/// <summary>Reads and writes a calendar date as exactly <c>YYYY-MM-DD</c>.</summary>
public sealed class DateOnlyJsonConverter : JsonConverter<DateOnly>
{
    private const int Length = 10;

    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueSpan.Length != Length)
        {
            throw new JsonException("a date must be a string YYYY-MM-DD");
        }

        var span = reader.ValueSpan;
        if (span[4] != (byte)'-' || span[7] != (byte)'-'
            || !Utf8Parser.TryParse(span[..4], out int year, out var yearLength) || yearLength != 4
            || !Utf8Parser.TryParse(span.Slice(5, 2), out int month, out var monthLength) || monthLength != 2
            || !Utf8Parser.TryParse(span.Slice(8, 2), out int day, out var dayLength) || dayLength != 2
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw new JsonException("a date must be a real calendar date YYYY-MM-DD");
        }

        return new DateOnly(year, month, day);
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> buffer = stackalloc byte[Length];
        Utf8Formatter.TryFormat(value.Year, buffer[..4], out _, new System.Buffers.StandardFormat('D', 4));
        buffer[4] = (byte)'-';
        Utf8Formatter.TryFormat(value.Month, buffer.Slice(5, 2), out _, new System.Buffers.StandardFormat('D', 2));
        buffer[7] = (byte)'-';
        Utf8Formatter.TryFormat(value.Day, buffer.Slice(8, 2), out _, new System.Buffers.StandardFormat('D', 2));
        writer.WriteStringValue(buffer);
    }
}
