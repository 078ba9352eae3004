using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// <c>GET /api/report-links/{token}</c>: the approved report served on a recipient, by the secure link in its email.
/// The first download is recorded as the recipient's receipt. The token is the credential: never logged, never
/// echoed, and the answer is not cached.
/// </summary>
public sealed class ReportLinkApi(ReportLinks links, IProofOfServiceStore proofs, IDocumentStore documents, TimeProvider time, ILogger<ReportLinkApi> logger)
{
    public async Task<IResult> DownloadAsync(HttpRequest request, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (links.Read(token) is not { } claims)
        {
            logger.LogInformation("Report link refused: not a genuine link");
            return ReportDeliveryProblems.LinkNotFound();
        }

        var record = await proofs.FindByLinkAsync(claims.LinkId, cancellationToken);
        if (record is null || !string.Equals(record.ReferralId, claims.ReferralId, StringComparison.Ordinal))
        {
            logger.LogWarning("Report link {LinkId} of {ReferralId} refused: no such delivery", claims.LinkId, claims.ReferralId);
            return ReportDeliveryProblems.LinkNotFound();
        }

        var now = time.GetUtcNow();
        if (now >= claims.ExpiresAt)
        {
            logger.LogInformation("Report link {LinkId} of {ReferralId} refused: expired at {ExpiresAt:O}", claims.LinkId, claims.ReferralId, claims.ExpiresAt);
            return ReportDeliveryProblems.LinkExpired();
        }

        var content = await documents.OpenAsync(record.ReportSha256, cancellationToken);
        if (content is null)
        {
            logger.LogError("Report {ReportSha256} of {ReferralId} is missing from the document store", record.ReportSha256, record.ReferralId);
            return ReportDeliveryProblems.LinkNotFound();
        }

        if (await proofs.RecordDownloadAsync(claims.LinkId, now, cancellationToken))
        {
            logger.LogInformation("Report delivery {MessageId}: first download recorded as the receipt", record.MessageId);
        }

        return TypedResults.Stream(content, "application/pdf", $"report-{record.ReferralId}-v{record.ReportVersion}.pdf", entityTag: new EntityTagHeaderValue($"\"{record.ReportSha256}\""));
    }
}
