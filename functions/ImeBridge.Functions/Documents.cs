using ImeBridge.Hosting.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>
/// The documents routes (see <see cref="DocumentsApi"/> and <see cref="PacketApi"/>): a referrer adds documents, the
/// expert downloads the packet by its link, an operator issues a new link.
/// </summary>
public sealed class Documents(DocumentsApi documents, PacketApi packets)
{
    [Function("UploadReferralDocuments")]
    public Task<IResult> UploadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "referrals/{referralId}/documents")] HttpRequest request,
        string referralId,
        CancellationToken cancellationToken) =>
        documents.UploadAsync(request, referralId, cancellationToken);

    [Function("DownloadPacket")]
    public Task<IResult> DownloadPacketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "packets/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        packets.DownloadAsync(request, token, cancellationToken);

    [Function("OpsIssuePacketLink")]
    public Task<IResult> IssuePacketLinkAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/referrals/{referralId}/packet-link")] HttpRequest request,
        string referralId,
        CancellationToken cancellationToken) =>
        packets.ReissueAsync(request, referralId, cancellationToken);
}
