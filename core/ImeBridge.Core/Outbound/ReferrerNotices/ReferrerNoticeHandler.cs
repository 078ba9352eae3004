using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound.PartnerEvents;
using ImeBridge.Core.Outbound.Templates;
using ImeBridge.Core.Outbound.Templates.Models;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Outbound.ReferrerNotices;

/// <summary>
/// Tells the referrer's contact by email when its referral reaches a state it must act on or plan around: booked,
/// cancelled, missed, waiting for information, refused, report approved, delivered. A partner whose webhook
/// subscription carries <c>referral.status_changed</c> learns it that way and gets no email. The notice names the
/// referral by its ids and state only.
/// </summary>
public sealed class ReferrerNoticeHandler(
    IReferralStore store,
    IWebhookSubscriptions subscriptions,
    IMessageTemplates templates,
    EmailOnce once,
    ILogger<ReferrerNoticeHandler> logger) : IMessageHandler
{
    public const string Purpose = "referrer.notice";

    private static readonly HashSet<string> NoticeStates =
    [
        ReferralStatus.Scheduled, ReferralStatus.Cancelled, ReferralStatus.NoShow, ReferralStatus.NeedsInfo,
        ReferralStatus.Rejected, ReferralStatus.ReportApproved, ReferralStatus.Delivered,
    ];

    public string MessageType => nameof(ReferralStatusChanged);

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var changed = WorkflowMessages.Read<ReferralStatusChanged>(message);
        if (!NoticeStates.Contains(changed.Status) || await store.GetAsync(changed.ReferralId, cancellationToken) is not { } stored)
        {
            return;
        }

        if (stored.Referral.Referrer.Contact?.Email is not { Length: > 0 } address || await HearsByWebhookAsync(stored.PartnerId, cancellationToken))
        {
            return;
        }

        var model = new ReferrerNoticeModel
        {
            ReferralId = stored.ReferralId,
            ExternalId = stored.Referral.Source.ExternalId ?? string.Empty,
            Status = changed.Status,
            ChangedOn = DateOnly.FromDateTime(changed.At.UtcDateTime),
        };
        var rendered = templates.Render("referrer-notice", OutboundChannels.Email, language: null, model);
        // One notice per status change: the change's own message id names it.
        var messageId = "email:referrer:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.MessageId)))[..32];
        var email = new OutboundEmail(messageId, address, rendered.Subject ?? string.Empty, rendered.Text, HtmlBody: rendered.Html, ReferralId: stored.ReferralId, Purpose: Purpose);
        var outcome = await once.SendAsync(stored.ReferralId, email, cancellationToken);
        logger.LogInformation("Referral {ReferralId}: referrer told of {Status} by email: {Outcome}", stored.ReferralId, changed.Status, outcome);
    }

    private async Task<bool> HearsByWebhookAsync(string partnerId, CancellationToken cancellationToken) =>
        (await subscriptions.ListForPartnerAsync(partnerId, cancellationToken))
            .Any(s => s.Enabled && s.Wants(PartnerEventTypes.ReferralStatusChanged));
}
