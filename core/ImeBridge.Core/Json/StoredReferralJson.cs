using System.Text.Json;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Json;

/// <summary>
/// How a referral store writes and reads its JSON columns, the same for every engine so that a referral or a
/// rejection reads back alike from SQLite and PostgreSQL.
/// </summary>
public static class StoredReferralJson
{
    /// <summary>For the store's own JSON (rejection errors): camelCase web defaults.</summary>
    private static readonly JsonSerializerOptions ErrorOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The canonical referral, in core's canonical shape. The source-generated metadata directly, not
    /// <see cref="ReferralJson.Options"/>: the same JSON, written by the generated fast path at about half the cost.
    /// </summary>
    public static string SerializeReferral(Referral referral) => JsonSerializer.Serialize(referral, ReferralJsonContext.Default.Referral);

    public static Referral DeserializeReferral(string json) =>
        JsonSerializer.Deserialize<Referral>(json, ReferralJson.Options)
        ?? throw new JsonException("A stored referral is JSON null.");

    public static string SerializeErrors(IReadOnlyList<FieldError> errors) => JsonSerializer.Serialize(errors, ErrorOptions);

    public static IReadOnlyList<FieldError> DeserializeErrors(string json) =>
        JsonSerializer.Deserialize<List<FieldError>>(json, ErrorOptions) ?? [];
}
