using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImeBridge.Core.Model;

namespace ImeBridge.Core.Json;

/// <summary>
/// The one JSON shape of a canonical referral (schemas/referral.v1.schema.json): camelCase, nulls omitted,
/// empty arrays kept, dates <c>YYYY-MM-DD</c>, instants ISO-8601 UTC. Serialization is source-generated.
/// </summary>
public static class ReferralJson
{
    /// <summary>
    /// Options for anything that embeds a referral (stored rows, API answers). A <see cref="Referral"/> goes
    /// through the source-generated metadata; other types fall back to reflection with the same settings.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The canonical referral as UTF-8 JSON.</summary>
    public static byte[] Serialize(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return JsonSerializer.SerializeToUtf8Bytes(referral, Readable.Referral);
    }

    /// <summary>
    /// Escapes only what JSON requires, so <c>+15185550142</c> and <c>O'Brien</c> read as sent rather than as
    /// <c>\u002B…</c>. Canonical JSON is data for programs and files, never inlined into HTML.
    /// </summary>
    private static readonly ReferralJsonContext Readable = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new DateOnlyJsonConverter(), new UtcDateTimeOffsetJsonConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Reads canonical referral JSON. Throws <see cref="JsonException"/> when it is not a referral object.</summary>
    public static Referral Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, ReferralJsonContext.Default.Referral)
        ?? throw new JsonException("the JSON is null, not a referral object");

    /// <summary>Reads a canonical referral from an already parsed element.</summary>
    public static Referral Deserialize(JsonElement element) =>
        element.Deserialize(ReferralJsonContext.Default.Referral)
        ?? throw new JsonException("the JSON is null, not a referral object");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ReferralJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ReferralJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }
}
