using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeBridge.Core.Rules;

/// <summary>Source-generated, strict reading of the rule tables: unknown or missing fields fail the load.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    Converters = [typeof(HourMinuteJsonConverter)])]
[JsonSerializable(typeof(JurisdictionTable))]
[JsonSerializable(typeof(SpecialtyTable))]
[JsonSerializable(typeof(QuietHourTable))]
internal sealed partial class RulesJsonContext : JsonSerializerContext;
