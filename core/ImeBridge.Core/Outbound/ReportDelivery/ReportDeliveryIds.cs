using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// The ledger ids of report deliveries: <c>report:{referralId}:{sha256 first 16}:{role}[:{n}]</c>. Derived from the
/// report and the recipient only, so a second run of the approval (or the FHIR write-back, which knows the same three
/// things) names the same message and nothing is sent twice. An operator's later attempt on the same recipient gets an
/// id of its own (<see cref="Attempt"/>), so the ledger does not take it for the first one sent again.
/// </summary>
public static class ReportDeliveryIds
{
    public const string Purpose = "report.delivery";

    public static string For(string referralId, string reportSha256, string role, int index = 1)
    {
        ArgumentNullException.ThrowIfNull(reportSha256);
        return $"report:{referralId}:{Sha16(reportSha256)}:{RecipientKey(role, index)}";
    }

    /// <summary>The recipient's key in the proof of service: <c>{role}</c>, or <c>{role}:{n}</c> from the second of a role on.</summary>
    public static string RecipientKey(string role, int index) =>
        index > 1 ? role + ":" + index.ToString(CultureInfo.InvariantCulture) : role;

    /// <summary>Reads a <see cref="RecipientKey"/>; false for anything else.</summary>
    public static bool TryParseRecipientKey(string? key, out string role, out int index)
    {
        role = "";
        index = 1;
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            role = key;
            return true;
        }

        role = key[..colon];
        return role.Length > 0
            && int.TryParse(key[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && index > 1;
    }

    /// <summary>
    /// The id of an operator's attempt to serve the recipient of <paramref name="firstId"/> again, derived from what names
    /// the request (its request id, or what it asks for), so the same request sent twice queues one attempt.
    /// </summary>
    public static string Attempt(string firstId, string requestKey)
    {
        ArgumentNullException.ThrowIfNull(requestKey);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requestKey)))[..16];
        return $"{firstId}:again:{hash}";
    }

    /// <summary>The id of the record of an operator serving the recipient of <paramref name="firstId"/> by hand: one per recipient.</summary>
    public static string ByOperator(string firstId) => firstId + ":by-operator";

    /// <summary>The workflow step that marks the report delivered: one per report.</summary>
    public static string DeliveredStep(string referralId, string reportSha256) =>
        $"report-delivered:{referralId}:{Sha16(reportSha256)}";

    private static string Sha16(string reportSha256) => reportSha256.Length > 16 ? reportSha256[..16] : reportSha256;
}
