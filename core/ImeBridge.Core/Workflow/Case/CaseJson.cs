using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeBridge.Core.Workflow.Case;

/// <summary>How a <see cref="ReferralCase"/> is stored: camelCase JSON, nulls left out.</summary>
public static class CaseJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ReferralCase referralCase) => JsonSerializer.Serialize(referralCase, Options);

    /// <summary>The stored case; <see cref="ReferralCase.Empty"/> for a referral that has none yet.</summary>
    public static ReferralCase Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? ReferralCase.Empty : JsonSerializer.Deserialize<ReferralCase>(json, Options) ?? ReferralCase.Empty;
}
