using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeBridge.Core.Json;

/// <summary>Writes an instant as ISO-8601 in UTC (<c>2026-03-02T14:05:00Z</c>); reads any ISO-8601 offset and converts it to UTC.</summary>
public sealed class UtcDateTimeOffsetJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime);
    }
}
