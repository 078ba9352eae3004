using System.Globalization;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// The ledger ids of report deliveries: <c>report:{referralId}:{sha256 first 16}:{role}[:{n}]</c>. Derived from the
/// report and the recipient only, so a second run of the approval (or the FHIR write-back, which knows the same three
/// things) names the same message and nothing is sent twice.
/// </summary>
public static class ReportDeliveryIds
{
    public const string Purpose = "report.delivery";

    public static string For(string referralId, string reportSha256, string role, int index = 1)
    {
        ArgumentNullException.ThrowIfNull(reportSha256);
        var sha = reportSha256.Length > 16 ? reportSha256[..16] : reportSha256;
        var id = $"report:{referralId}:{sha}:{role}";
        return index > 1 ? id + ":" + index.ToString(CultureInfo.InvariantCulture) : id;
    }

    /// <summary>The workflow step that marks the report delivered: one per report.</summary>
    public static string DeliveredStep(string referralId, string reportSha256) =>
        $"report-delivered:{referralId}:{(reportSha256.Length > 16 ? reportSha256[..16] : reportSha256)}";
}
