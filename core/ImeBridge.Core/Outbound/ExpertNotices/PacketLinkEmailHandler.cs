using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound.Templates;
using ImeBridge.Core.Outbound.Templates.Models;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Documents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Outbound.ExpertNotices;

/// <summary>
/// Sends the matched expert the link to the case packet when it is assembled or re-issued, once per link. The link
/// is made here from the case (it never travels on the queue) and is never logged; when a newer link replaced the one
/// the message names, the newer one is sent. An expert without an email address is an operator's task (an alert).
/// </summary>
public sealed class PacketLinkEmailHandler(
    IReferralStore store,
    IExpertDirectory experts,
    PacketLinks links,
    IMessageTemplates templates,
    EmailOnce once,
    IOperatorAlerts alerts,
    IOptions<DocumentsOptions> documents,
    TimeProvider time,
    ILogger<PacketLinkEmailHandler> logger) : IMessageHandler
{
    public const string Purpose = "expert.packetLink";

    public string MessageType => DocumentsMessages.PacketReady;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var ready = WorkflowMessages.Read<PacketReady>(message);
        if (await store.GetAsync(ready.ReferralId, cancellationToken) is not { } stored
            || stored.Case.Documents?.Link is not { } link
            || links.PathFor(stored) is not { } path
            || (ready.ExpertId ?? stored.Case.Match?.ExpertId) is not { } expertId)
        {
            return;
        }

        var expert = await experts.GetAsync(expertId, cancellationToken);
        if (expert?.Email is not { Length: > 0 } address)
        {
            await alerts.RaiseAsync(
                new OperatorAlert($"expert.noEmail:{stored.ReferralId}:{link.LinkId}", "expert.noEmail", stored.ReferralId, $"expert {expertId} has no email: send the packet link (POST /api/ops/referrals/{stored.ReferralId}/packet-link) by hand", time.GetUtcNow()),
                cancellationToken);
            return;
        }

        var zone = expert.Offices.Count > 0 ? expert.Offices[0].TimeZone : "America/New_York";
        var expiresLocal = TimeZoneInfo.ConvertTime(link.ExpiresAt, Timing.QuietHours.Zone(zone));
        var model = new PacketLinkModel
        {
            ReferralId = stored.ReferralId,
            Url = (documents.Value.PublicBaseUrl ?? string.Empty).TrimEnd('/') + path,
            ExpiresOnDate = DateOnly.FromDateTime(expiresLocal.DateTime),
            ExpiresAtTime = TimeOnly.FromDateTime(expiresLocal.DateTime),
            TimeZoneAbbreviation = TimeZoneAbbreviations.For(zone, link.ExpiresAt),
        };
        var language = expert.Languages.Count > 0 ? expert.Languages[0] : null;
        var rendered = templates.Render("expert-packet-link", OutboundChannels.Email, language, model);
        var email = new OutboundEmail($"email:packet-link:{stored.ReferralId}:{link.LinkId}", address, rendered.Subject ?? string.Empty, rendered.Text, HtmlBody: rendered.Html, ReferralId: stored.ReferralId, Purpose: Purpose);
        var outcome = await once.SendAsync(stored.ReferralId, email, cancellationToken);
        logger.LogInformation("Referral {ReferralId}: packet link {LinkId} sent to expert {ExpertId}: {Outcome}", stored.ReferralId, link.LinkId, expertId, outcome);
    }
}
