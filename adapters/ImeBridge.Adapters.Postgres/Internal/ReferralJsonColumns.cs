using System.Text.Json;
using ImeBridge.Core.Json;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>The one place that decides how the referral store's JSON columns are written and read.</summary>
internal static class ReferralJsonColumns
{
    /// <summary>For the adapter's own JSON (rejection errors): camelCase web defaults.</summary>
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string SerializeReferral(Referral referral) => JsonSerializer.Serialize(referral, ReferralJson.Options);

    public static Referral DeserializeReferral(string json) =>
        JsonSerializer.Deserialize<Referral>(json, ReferralJson.Options)
        ?? throw new JsonException("A stored referral is JSON null.");

    public static string SerializeErrors(IReadOnlyList<FieldError> errors) => JsonSerializer.Serialize(errors, Options);

    public static IReadOnlyList<FieldError> DeserializeErrors(string json) =>
        JsonSerializer.Deserialize<List<FieldError>>(json, Options) ?? [];
}
