using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>What an operator asks to serve a recipient again with: another channel, a corrected address, or neither.</summary>
/// <param name="RequestId">Names the operator's request: the same id asks for the same attempt, however often it is sent.</param>
public sealed record ServeAgainRequest(string? Channel, string? Address, string? RequestId);

/// <summary>An operator's record of serving a recipient outside ImeBridge.</summary>
/// <param name="Method">How: one of <see cref="OperatorServiceMethods"/>.</param>
/// <param name="By">The operator's name, as it is to appear on the certificate.</param>
public sealed record MarkServedRequest(string Method, DateTimeOffset ServedAt, string By, string? Note);

/// <summary>The ways an operator serves a report by hand.</summary>
public static class OperatorServiceMethods
{
    public static IReadOnlyList<string> All { get; } = ["mail", "certifiedMail", "fax", "hand", "courier", "portal", "email", "other"];
}

public enum RecipientActionOutcome
{
    /// <summary>Done now: the attempt was queued, or the service recorded.</summary>
    Done,

    /// <summary>The same request was made before: what it did then.</summary>
    Replayed,
    ReferralNotFound,
    RecipientNotFound,
    NotApproved,
    AlreadyServed,
    Invalid,
}

/// <param name="Record">The attempt queued or recorded (or, for <see cref="RecipientActionOutcome.AlreadyServed"/>, the one that served).</param>
/// <param name="Field">For <see cref="RecipientActionOutcome.Invalid"/>: the request's field at fault.</param>
public sealed record RecipientActionResult(RecipientActionOutcome Outcome, ServiceRecord? Record = null, string? Field = null, string? Problem = null, bool Delivered = false);

/// <summary>
/// What an operator does about a report recipient that was not served (unreachable, failed): serve it again, through
/// the same machinery as the approval, with a corrected address or another channel (<see cref="ReportReserveHandler"/>),
/// or record that it was served by hand, which resolves its alerts and may complete the delivery.
/// </summary>
public sealed class ReportRecipientActions(
    IReferralStore store,
    IProofOfServiceStore proofs,
    IMessageQueue queue,
    IOperatorAlerts alerts,
    ReportDeliveryCompletion completion,
    TimeProvider time,
    ILogger<ReportRecipientActions> logger)
{
    /// <summary>How far in the future a recorded service may lie (clocks differ).</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The session of the attempts: a slow provider's retries must not hold up the referral's own.</summary>
    public static string SessionOf(string referralId) => "report-reserve:" + referralId;

    public async Task<RecipientActionResult> ServeAgainAsync(string referralId, string recipientKey, ServeAgainRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (stored, recipient, refusal) = await FindAsync(referralId, recipientKey, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (channel, address, invalid) = Route(stored!, recipient!, request);
        if (invalid is not null)
        {
            return invalid;
        }

        // Without a request id, the request is named by what it asks and by the failure it answers: sent twice, it queues
        // one attempt; sent again after that attempt failed too, it queues another.
        var answering = recipient!.Attempts.LastOrDefault(a => a.Status is ServiceStatuses.Failed or ServiceStatuses.Unreachable) ?? recipient.First;
        var requestKey = request.RequestId is { Length: > 0 } id ? "request:" + id : $"{answering.MessageId}|{channel}|{address}";
        var attemptId = ReportDeliveryIds.Attempt(recipient.First.MessageId, requestKey);
        if (recipient.Attempts.FirstOrDefault(a => a.MessageId == attemptId) is { } earlier)
        {
            return await ReplayAsync(earlier, cancellationToken);
        }

        if (recipient.Served)
        {
            return new RecipientActionResult(RecipientActionOutcome.AlreadyServed, recipient.Current);
        }

        var attempt = recipient.First with
        {
            MessageId = attemptId,
            Channel = channel,
            Address = address,
            Status = ServiceStatuses.Planned,
            PlannedAt = time.GetUtcNow(),
            SentAt = null,
            ReceiptAt = null,
            ReceiptKind = null,
            ProviderId = null,
            Detail = null,
            LinkId = null,
            LinkExpiresAt = null,
            DownloadedAt = null,
            ServedBy = null,
        };
        if (!await proofs.AddAsync(attempt, cancellationToken))
        {
            // The same request, at the same moment.
            return await ReplayAsync(await proofs.FindAsync(attemptId, cancellationToken) ?? attempt, cancellationToken);
        }

        await QueueAsync(attempt, cancellationToken);
        logger.LogInformation(
            "Referral {ReferralId}: report recipient {RecipientKey} to be served again by {Channel} as {MessageId}",
            referralId,
            recipient.RecipientKey,
            channel,
            attemptId);
        return new RecipientActionResult(RecipientActionOutcome.Done, attempt);
    }

    public async Task<RecipientActionResult> MarkServedAsync(string referralId, string recipientKey, MarkServedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (stored, recipient, refusal) = await FindAsync(referralId, recipientKey, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (recipient!.Served)
        {
            return new RecipientActionResult(RecipientActionOutcome.AlreadyServed, recipient.Current);
        }

        var now = time.GetUtcNow();
        if (request.ServedAt > now + ClockSkew)
        {
            return Invalid("servedAt", "is in the future: give when the report was served.");
        }

        var approvedAt = stored!.Case.Reports!.Approval!.ApprovedAt;
        if (request.ServedAt < approvedAt)
        {
            return Invalid("servedAt", $"is before the report was approved ({approvedAt:O}).");
        }

        var served = recipient.First with
        {
            MessageId = ReportDeliveryIds.ByOperator(recipient.First.MessageId),
            Channel = request.Method,
            Address = null,
            Status = ServiceStatuses.Served,
            PlannedAt = now,
            SentAt = request.ServedAt,
            ReceiptAt = request.ServedAt,
            ReceiptKind = ReceiptKinds.ServedByOperator,
            ProviderId = null,
            Detail = request.Note,
            LinkId = null,
            LinkExpiresAt = null,
            DownloadedAt = null,
            ServedBy = request.By,
        };
        if (!await proofs.AddAsync(served, cancellationToken))
        {
            return new RecipientActionResult(RecipientActionOutcome.AlreadyServed, await proofs.FindAsync(served.MessageId, cancellationToken) ?? served);
        }

        var resolved = await ReportUnreachableAlerts.ResolveForRecipientAsync(alerts, proofs, served, cancellationToken);
        logger.LogInformation(
            "Referral {ReferralId}: report recipient {RecipientKey} recorded as served by an operator ({Method}); {Resolved} alert(s) resolved",
            referralId,
            recipient.RecipientKey,
            request.Method,
            resolved);
        var delivered = await completion.CheckAsync(referralId, served.ReportSha256, cancellationToken);
        return new RecipientActionResult(RecipientActionOutcome.Done, served, Delivered: delivered);
    }

    private async Task<(StoredReferral? Stored, ReportRecipientAttempts? Recipient, RecipientActionResult? Refusal)> FindAsync(
        string referralId,
        string recipientKey,
        CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(referralId, cancellationToken);
        if (stored is null)
        {
            return (null, null, new RecipientActionResult(RecipientActionOutcome.ReferralNotFound));
        }

        if (!ReportDeliveryIds.TryParseRecipientKey(recipientKey, out var role, out var index))
        {
            return (stored, null, new RecipientActionResult(RecipientActionOutcome.RecipientNotFound));
        }

        if (stored.Case.Reports?.Approval is not { } approval)
        {
            return (stored, null, new RecipientActionResult(RecipientActionOutcome.NotApproved, Problem: "No report of this referral has been approved yet: there is nothing to serve."));
        }

        var records = (await proofs.ListAsync(referralId, cancellationToken)).Where(r => r.ReportSha256 == approval.Sha256).ToList();
        if (records.Count == 0)
        {
            return (stored, null, new RecipientActionResult(RecipientActionOutcome.NotApproved, Problem: "The approved report is being served now; try again in a moment."));
        }

        var recipient = ReportRecipientAttempts.Group(records).FirstOrDefault(r => r.Role == role && r.Index == index);
        return recipient is null
            ? (stored, null, new RecipientActionResult(RecipientActionOutcome.RecipientNotFound))
            : (stored, recipient, null);
    }

    private static (string? Channel, string? Address, RecipientActionResult? Invalid) Route(StoredReferral stored, ReportRecipientAttempts recipient, ServeAgainRequest request)
    {
        // A referrer served by webhook or FHIR until now is emailed at its contact's address.
        var lastEmail = recipient.Attempts.LastOrDefault(a => a.Channel == OutboundChannels.Email && a.Address is not null)?.Address
            ?? (recipient.Role == ReportRecipientRoles.Referrer && stored.Referral.Referrer.Contact?.Email is { Length: > 0 } contact ? contact : null);
        var channel = request.Channel
            ?? (request.Address is not null ? OutboundChannels.Email : recipient.Attempts.LastOrDefault(a => a.Channel is OutboundChannels.Email or OutboundChannels.Webhook or OutboundChannels.Fhir)?.Channel);
        switch (channel)
        {
            case null:
                return (null, null, Invalid("address", "is required: the recipient has no usable address; give an email address to serve it by."));
            case OutboundChannels.Email:
                var address = request.Address ?? lastEmail;
                return address is null
                    ? (null, null, Invalid("address", "is required: the recipient has no email address on file."))
                    : (channel, address, null);
            case OutboundChannels.Webhook:
            case OutboundChannels.Fhir:
                if (recipient.Role != ReportRecipientRoles.Referrer)
                {
                    return (null, null, Invalid("channel", $"'{channel}' serves the referrer only; serve a {recipient.Role} by email."));
                }

                return request.Address is not null
                    ? (null, null, Invalid("address", $"must be left out for '{channel}': it goes to the referral's partner."))
                    : (channel, channel + ":" + stored.PartnerId, null);
            default:
                return (null, null, Invalid("channel", "must be email, webhook or fhir."));
        }
    }

    private async Task<RecipientActionResult> ReplayAsync(ServiceRecord earlier, CancellationToken cancellationToken)
    {
        // Queued again in case the first request stopped between storing the attempt and queuing it (the queue keeps one).
        if (earlier.Status == ServiceStatuses.Planned)
        {
            await QueueAsync(earlier, cancellationToken);
        }

        return new RecipientActionResult(RecipientActionOutcome.Replayed, earlier);
    }

    private Task QueueAsync(ServiceRecord attempt, CancellationToken cancellationToken) =>
        queue.SendAsync(
            [
                new QueueMessage(
                    $"{ReportReserveRequested.MessageType}:{attempt.MessageId}",
                    ReportReserveRequested.MessageType,
                    SessionOf(attempt.ReferralId),
                    JsonSerializer.SerializeToUtf8Bytes(new ReportReserveRequested(attempt.ReferralId, attempt.MessageId), MessageJson.Options)),
            ],
            cancellationToken);

    private static RecipientActionResult Invalid(string field, string problem) =>
        new(RecipientActionOutcome.Invalid, Field: field, Problem: problem);
}
