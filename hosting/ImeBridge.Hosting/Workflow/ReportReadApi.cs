using ImeBridge.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace ImeBridge.Hosting.Workflow;

/// <summary>
/// <c>GET /api/referrals/{referralId}/reports/{version}</c> with the partner's bearer token: the PDF of one report or
/// addendum version, so the referrer reads what it reviews. Another partner's referral gets 404 like an unknown one.
/// </summary>
public sealed class ReportReadApi(PartnerReferralAccess access, IDocumentStore documents, ILogger<ReportReadApi> logger)
{
    public static string Location(string referralId, int version) =>
        $"/api/referrals/{Uri.EscapeDataString(referralId)}/reports/{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public async Task<IResult> ReadAsync(HttpRequest request, string referralId, int version, CancellationToken cancellationToken)
    {
        var read = await access.ReadAsync(request, referralId, cancellationToken);
        if (read is not { Referral: { } stored })
        {
            return read.Refusal!;
        }

        var report = stored.Case.Reports?.Versions.FirstOrDefault(v => v.Version == version);
        if (report is null || await documents.OpenAsync(report.Sha256, cancellationToken) is not { } content)
        {
            return ProblemResults.NotFound("Report not found", $"Referral '{referralId}' has no report version {version}.");
        }

        logger.LogInformation("Report version {Version} of {ReferralId} read by its partner", version, referralId);
        return TypedResults.Stream(content, "application/pdf", $"report-{referralId}-v{version}.pdf", entityTag: new EntityTagHeaderValue($"\"{report.Sha256}\""));
    }
}
