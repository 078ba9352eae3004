using System.Text.Json.Serialization;
using ImeBridge.Core.Json;

namespace ImeBridge.Core.Experts;

/// <summary>An open exam slot: when it starts (an instant, kept in UTC), how long it is, and at which office.</summary>
public sealed record AvailabilitySlot(
    [property: JsonConverter(typeof(UtcDateTimeOffsetJsonConverter))] DateTimeOffset Start,
    int DurationMinutes,
    string OfficeId)
{
    /// <summary>When the slot ends.</summary>
    public DateTimeOffset End() => Start.AddMinutes(DurationMinutes);
}
