using System.Text.Json.Serialization;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Json;

/// <summary>Source-generated (reflection-free) serialization of the canonical referral.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(DateOnlyJsonConverter), typeof(UtcDateTimeOffsetJsonConverter)])]
[JsonSerializable(typeof(Referral))]
internal sealed partial class ReferralJsonContext : JsonSerializerContext;
