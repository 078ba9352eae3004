using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Documents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// Serves an approved report (<see cref="ReferralStatusChanged"/> to ReportApproved, carrying its SHA-256) on every
/// recipient its jurisdiction requires: plans them, records each in the proof of service and claims it in the
/// <see cref="IOutboundLedger"/> before sending (a claim that finds a record means "already sent"), then emails a secure
/// link, publishes <c>report.available</c> or leaves it to the FHIR write-back. An unreachable required recipient
/// raises <c>report.unreachable</c> at once. Email counts as served when the provider accepted it (or the outbox kept
/// it); webhook and FHIR receipts come back as <see cref="DeliverySettled"/>.
/// </summary>
public sealed class ReportApprovedHandler(
    IReferralStore store,
    ReportRecipientPlanner planner,
    IProofOfServiceStore proofs,
    IOutboundLedger ledger,
    IEmailSender email,
    IReportWebhookChannel webhooks,
    IReportFhirChannel fhir,
    IOperatorAlerts alerts,
    ReportLinks links,
    ReportDeliveryNotice notice,
    ReportDeliveryCompletion completion,
    IOptions<ReportDeliveryOptions> options,
    IOptions<DocumentsOptions> documentsOptions,
    TimeProvider time,
    ILogger<ReportApprovedHandler> logger) : IMessageHandler
{
    public const string UnreachableAlert = ReportUnreachableAlerts.Kind;

    public string MessageType => MessageTypes.ReferralStatusChanged;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var changed = WorkflowMessages.Read<ReferralStatusChanged>(message);
        if (changed.Status != ReferralStatus.ReportApproved || changed.ReportSha256 is not { Length: > 0 } sha256)
        {
            return;
        }

        var stored = await store.GetAsync(changed.ReferralId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        var reports = stored.Case.Reports;
        var version = reports?.Approval is { } approval && approval.Sha256 == sha256
            ? approval.Version
            : reports?.Versions.FirstOrDefault(v => v.Sha256 == sha256)?.Version ?? 0;
        var plan = await planner.PlanAsync(stored, cancellationToken);
        logger.LogInformation(
            "Referral {ReferralId}: serving report version {ReportVersion} on {Count} recipients under rule {RuleId}",
            stored.ReferralId,
            version,
            plan.Deliveries.Count,
            plan.Rule.Id);
        foreach (var planned in plan.Deliveries)
        {
            await ServeAsync(stored, sha256, version, planned, cancellationToken);
        }

        await completion.CheckAsync(stored.ReferralId, sha256, cancellationToken);
    }

    private async Task ServeAsync(StoredReferral stored, string sha256, int version, PlannedDelivery planned, CancellationToken cancellationToken)
    {
        var messageId = ReportDeliveryIds.For(stored.ReferralId, sha256, planned.Role, planned.Index);
        var now = time.GetUtcNow();
        var record = await proofs.FindAsync(messageId, cancellationToken);
        if (record is null)
        {
            record = new ServiceRecord(
                messageId, stored.ReferralId, sha256, version, planned.Role, planned.Index, planned.Name, planned.Organization,
                planned.Channel, planned.Address, planned.Required, planned.Unreachable ? ServiceStatuses.Unreachable : ServiceStatuses.Planned, now,
                Detail: planned.UnreachableReason);
            await proofs.AddAsync(record, cancellationToken);
        }

        if (planned.Unreachable)
        {
            await AlertAsync(stored.ReferralId, messageId, planned.Role, planned.UnreachableReason ?? "no usable address", cancellationToken);
            return;
        }

        // What the approval plans now is what is sent (the record keeps what was planned first).
        await SendAsync(stored, record with { Channel = planned.Channel, Address = planned.Address }, cancellationToken);
    }

    /// <summary>
    /// Sends one attempt (<paramref name="record"/>, with its channel and address) unless the ledger knows its id: the
    /// approval's own deliveries, and an operator's attempts to serve a recipient again (<see cref="ReportReserveHandler"/>).
    /// </summary>
    public async Task SendAsync(StoredReferral stored, ServiceRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(record);
        var now = time.GetUtcNow();
        var messageId = record.MessageId;
        var claimed = await ledger.ClaimAsync(
            new OutboundRecord(messageId, record.Channel!, stored.ReferralId, ReportDeliveryIds.Purpose, record.Address!, OutboundStatuses.Claimed, null, null, now, now),
            cancellationToken);
        if (claimed is not null)
        {
            logger.LogInformation("Report delivery {MessageId} already {Status}: not sent again", messageId, claimed.Status);
            return;
        }

        switch (record.Channel)
        {
            case OutboundChannels.Email:
                await EmailAsync(stored, record, cancellationToken);
                break;
            case OutboundChannels.Webhook:
                await WebhookAsync(stored, record, cancellationToken);
                break;
            case OutboundChannels.Fhir:
                await FhirAsync(stored, record, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"no sender for channel '{record.Channel}'");
        }
    }

    private async Task FhirAsync(StoredReferral stored, ServiceRecord record, CancellationToken cancellationToken)
    {
        // The approval's own delivery is written by the FHIR write-back of this same status change, which settles its id;
        // another attempt asks the write-back for a write of its own.
        var first = record.MessageId == ReportDeliveryIds.For(stored.ReferralId, record.ReportSha256, record.Role, record.Index);
        if (!first && !await fhir.RequestReportWriteAsync(stored, record.ReportSha256, record.MessageId, cancellationToken))
        {
            await ledger.UpdateAsync(record.MessageId, OutboundStatuses.Failed, null, "no FHIR write-back", cancellationToken);
            await proofs.UpdateAsync(record with { Status = ServiceStatuses.Failed, Detail = "no FHIR write-back" }, cancellationToken);
            await AlertAsync(stored.ReferralId, record.MessageId, record.Role, "the partner's FHIR server no longer gets the write-back", cancellationToken);
            return;
        }

        await ledger.UpdateAsync(record.MessageId, OutboundStatuses.Sent, null, "fhir write-back", cancellationToken);
        await proofs.UpdateAsync(record with { Status = ServiceStatuses.Sent, SentAt = time.GetUtcNow() }, cancellationToken);
    }

    private async Task EmailAsync(StoredReferral stored, ServiceRecord record, CancellationToken cancellationToken)
    {
        // The link id is stored before the email leaves, so the link works whatever happens after the send.
        var expires = ReportLinks.ExpiryAfter(time.GetUtcNow(), options.Value.LinkLifetime);
        record = record with { LinkId = ReportLinks.NewLinkId(), LinkExpiresAt = expires };
        await proofs.UpdateAsync(record, cancellationToken);
        var url = BaseUrl() + ReportLinks.PathPrefix + links.TokenFor(stored.ReferralId, record.LinkId!, expires);
        var referral = stored.Referral;
        var rendered = notice.Render(new ReportNoticeContent(
            stored.ReferralId,
            referral.Claim.ClaimNumber,
            url,
            expires,
            record.Role == ReportRecipientRoles.Claimant ? referral.Claimant.PreferredLanguage : null));
        EmailSendResult result;
        try
        {
            result = await email.SendAsync(
                new OutboundEmail(record.MessageId, record.Address!, rendered.Subject ?? "IME report served", rendered.Text, HtmlBody: rendered.Html, ReferralId: stored.ReferralId, Purpose: ReportDeliveryIds.Purpose),
                cancellationToken);
        }
        catch (EmailSendException ex) when (ex.NotSent)
        {
            // Certainly not taken: free the claim so the redelivery of this message tries again.
            await ledger.ReleaseAsync(record.MessageId, cancellationToken);
            logger.LogWarning("Report delivery {MessageId} not taken by the provider (status {StatusCode}); tried again", record.MessageId, ex.StatusCode);
            throw new OutboundDeliveryException($"report delivery {record.MessageId} not sent", ex.IsTransient, ex.RetryAfter, ex);
        }
        catch (EmailSendException ex)
        {
            // Maybe taken: never send twice; an operator decides.
            await ledger.UpdateAsync(record.MessageId, OutboundStatuses.Unconfirmed, null, ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            await proofs.UpdateAsync(record with { Status = ServiceStatuses.Failed, Detail = "provider outcome unknown" }, cancellationToken);
            await AlertAsync(stored.ReferralId, record.MessageId, record.Role, "the email provider's answer was lost; check before sending again", cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        await ledger.UpdateAsync(record.MessageId, result.Sent ? OutboundStatuses.Sent : OutboundStatuses.Outbox, result.Where, null, cancellationToken);
        await proofs.UpdateAsync(
            record with
            {
                Status = ServiceStatuses.Served,
                SentAt = now,
                ReceiptAt = now,
                ReceiptKind = result.Sent ? ReceiptKinds.ProviderAccepted : ReceiptKinds.Outbox,
                ProviderId = result.Where,
            },
            cancellationToken);
        logger.LogInformation("Report delivery {MessageId}: email {Outcome}", record.MessageId, result.Sent ? "accepted by the provider" : "written to the outbox");
        await ReportUnreachableAlerts.ResolveForRecipientAsync(alerts, proofs, record, cancellationToken);
    }

    private async Task WebhookAsync(StoredReferral stored, ServiceRecord record, CancellationToken cancellationToken)
    {
        var count = await webhooks.PublishReportAvailableAsync(stored, record.ReportSha256, record.MessageId, cancellationToken);
        if (count == 0)
        {
            await ledger.UpdateAsync(record.MessageId, OutboundStatuses.Failed, null, "no report.available subscription", cancellationToken);
            await proofs.UpdateAsync(record with { Status = ServiceStatuses.Failed, Detail = "no report.available subscription" }, cancellationToken);
            await AlertAsync(stored.ReferralId, record.MessageId, record.Role, "the partner has no webhook for report.available any more", cancellationToken);
            return;
        }

        await ledger.UpdateAsync(record.MessageId, OutboundStatuses.Sent, null, $"{count} subscription(s)", cancellationToken);
        await proofs.UpdateAsync(record with { Status = ServiceStatuses.Sent, SentAt = time.GetUtcNow() }, cancellationToken);
    }

    private async Task AlertAsync(string referralId, string messageId, string role, string why, CancellationToken cancellationToken)
    {
        var raised = await alerts.RaiseAsync(
            new OperatorAlert(ReportUnreachableAlerts.Key(messageId), UnreachableAlert, referralId, $"{role}: {why} ({messageId})", time.GetUtcNow()),
            cancellationToken);
        if (raised)
        {
            logger.LogWarning("Referral {ReferralId}: report recipient {Role} cannot be reached; operator alerted", referralId, role);
        }
    }

    private string BaseUrl() =>
        (options.Value.PublicBaseUrl is { Length: > 0 } own ? own : documentsOptions.Value.PublicBaseUrl ?? "").TrimEnd('/');
}
