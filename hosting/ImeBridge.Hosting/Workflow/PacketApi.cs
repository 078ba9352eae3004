using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Documents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ImeBridge.Hosting.Workflow;

/// <summary>
/// The expert's packet by its link, and the operator's re-issue of that link. The token is the only credential of the
/// download, so it is never logged, never echoed in an answer, and the answer is not cached.
/// </summary>
public sealed class PacketApi(
    IReferralStore store,
    IDocumentStore documents,
    PacketLinks links,
    PacketLinkIssuer issuer,
    IOptions<DocumentsOptions> documentsOptions,
    OperatorAuth operatorAuth,
    TimeProvider time,
    ILogger<PacketApi> logger)
{
    /// <summary><c>GET /api/packets/{token}</c>: the packet (application/zip); 404 for an unknown or tampered token, 410 for an expired or replaced link.</summary>
    public async Task<IResult> DownloadAsync(HttpRequest request, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
        var claims = links.Read(token);
        if (claims is null)
        {
            logger.LogInformation("Packet link refused: not a genuine link");
            return DocumentsProblems.PacketNotFound();
        }

        var stored = await store.GetAsync(claims.ReferralId, cancellationToken);
        if (stored?.Case.Documents is not { Packet: { } packet, Link: { } current })
        {
            logger.LogWarning("Packet link {LinkId} of {ReferralId} refused: no packet", claims.LinkId, claims.ReferralId);
            return DocumentsProblems.PacketNotFound();
        }

        if (!string.Equals(current.LinkId, claims.LinkId, StringComparison.Ordinal))
        {
            logger.LogInformation("Packet link {LinkId} of {ReferralId} refused: replaced by {CurrentLinkId}", claims.LinkId, claims.ReferralId, current.LinkId);
            return DocumentsProblems.PacketLinkGone(replaced: true);
        }

        if (time.GetUtcNow() >= claims.ExpiresAt)
        {
            logger.LogInformation("Packet link {LinkId} of {ReferralId} refused: expired at {ExpiresAt:O}", claims.LinkId, claims.ReferralId, claims.ExpiresAt);
            return DocumentsProblems.PacketLinkGone(replaced: false);
        }

        var content = await documents.OpenAsync(packet.Sha256, cancellationToken);
        if (content is null)
        {
            logger.LogError("Packet {PacketSha256} of {ReferralId} is missing from the document store", packet.Sha256, claims.ReferralId);
            return DocumentsProblems.PacketNotFound();
        }

        logger.LogInformation("Packet of {ReferralId} downloaded with link {LinkId}", claims.ReferralId, claims.LinkId);
        return TypedResults.Stream(content, PacketAssembler.ContentType, $"packet-{claims.ReferralId}.zip", entityTag: new EntityTagHeaderValue($"\"{packet.Sha256}\""));
    }

    /// <summary>
    /// <c>POST /api/ops/referrals/{referralId}/packet-link</c> <c>{"operator"}</c> (operator token): a new link, which
    /// retires the old one; <c>PacketReady</c> goes out again so the expert gets it. 200 with the URL (shown once, to the operator).
    /// </summary>
    public async Task<IResult> ReissueAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RefusedOperator(request) is { } refused)
        {
            return refused;
        }

        var body = await PacketLinkRequest.ReadAsync(request, cancellationToken);
        if (body is not { Operator.Length: > 0 })
        {
            return ProblemResults.InvalidOperatorRequest("operator: give {\"operator\": NAME}; a new link says who issued it.");
        }

        var messageId = "ops:" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var issue = await issuer.IssueAsync(referralId, "operator:" + body.Operator, messageId, cancellationToken);
        logger.LogInformation("Operator packet link for {ReferralId}: {Result} (link {LinkId})", referralId, issue.Result, issue.Link?.LinkId);
        return issue.Result switch
        {
            PacketLinkIssueResult.Issued => TypedResults.Ok(new PacketLinkResponse(referralId, issue.Link!.LinkId, issue.Link.ExpiresAt, PublicUrl(request, issue.Path!))),
            PacketLinkIssueResult.NotFound => ProblemResults.NotFound("Referral not found", $"No referral '{referralId}'."),
            PacketLinkIssueResult.NoPacket => DocumentsProblems.NoPacketYet(referralId),
            _ => ProblemResults.TransitionRefused("the referral kept changing; try again"),
        };
    }

    /// <summary>The absolute URL of <paramref name="path"/>: on <c>documents:publicBaseUrl</c>, else on the request's own origin.</summary>
    public string PublicUrl(HttpRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = documentsOptions.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return origin + path;
    }

    private IResult? RefusedOperator(HttpRequest request) => operatorAuth.Refuse(request);
}

/// <summary>The answer to a re-issue: the new link (shown to the operator once; the case keeps only its id and expiry).</summary>
public sealed record PacketLinkResponse(string ReferralId, string LinkId, DateTimeOffset ExpiresAt, string Url);
