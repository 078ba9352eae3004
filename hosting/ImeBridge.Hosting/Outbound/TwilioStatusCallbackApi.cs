using ImeBridge.Adapters.Twilio;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.Consent;
using ImeBridge.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// <c>POST /api/twilio/status</c>: Twilio reports where one of our messages stands. After the signature check the
/// ledger record (found by the SID) gets the mapped status (<see cref="TwilioDeliveryStatus"/>); error 21610 also
/// records an opt-out. A final status queues <see cref="DeliverySettled"/> in the referral's session so that the
/// claimant's messaging falls back to email, and one that did not reach the claimant raises an operator alert. An
/// unknown SID is answered 200 (a retry would not make it known) and logged.
/// </summary>
public sealed partial class TwilioStatusCallbackApi(
    TwilioRequestVerifier verifier,
    IOutboundLedger outbound,
    ISmsConsentLedger consent,
    IOperatorAlerts alerts,
    IMessageQueue queue,
    TimeProvider time,
    ILogger<TwilioStatusCallbackApi> logger)
{
    public const string Route = "/api/twilio/status";

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, refusal) = await verifier.ReadVerifiedFormAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!form!.TryGetValue("MessageSid", out var sid) || string.IsNullOrWhiteSpace(sid))
        {
            return ProblemResults.InvalidOperatorRequest("MessageSid is required.");
        }

        var errorCode = form.GetValueOrDefault("ErrorCode") is { Length: > 0 } code ? code : null;
        var status = TwilioDeliveryStatus.ToLedgerStatus(form.GetValueOrDefault("MessageStatus"), errorCode);
        var record = await outbound.FindByProviderIdAsync(OutboundChannels.Sms, sid, cancellationToken);
        if (record is null)
        {
            LogUnknown(sid);
            return Results.Ok();
        }

        // Callbacks may arrive out of order: a late "sent" never overwrites "delivered".
        if (status is null || (OutboundStatuses.IsFinal(record.Status) && !OutboundStatuses.IsFinal(status)))
        {
            return Results.Ok();
        }

        var now = time.GetUtcNow();
        await outbound.UpdateAsync(record.MessageId, status, sid, errorCode, cancellationToken);
        if (status == OutboundStatuses.Suppressed)
        {
            await consent.RecordAsync(record.Recipient, new ConsentEvent(ConsentKind.OptOut, "twilio:" + TwilioDeliveryStatus.UnsubscribedErrorCode, now, sid), cancellationToken);
        }

        if (OutboundStatuses.IsFinal(status))
        {
            var settled = new DeliverySettled(record.MessageId, record.ReferralId, OutboundChannels.Sms, record.Purpose, status, now, sid, errorCode);
            await queue.SendAsync(
                [new QueueMessage($"settled:{record.MessageId}:{status}", DeliverySettled.MessageType, record.ReferralId, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(settled, MessageJson.Options))],
                cancellationToken);
        }

        if (OutboundStatuses.NeedsFallback(status))
        {
            await alerts.RaiseAsync(
                new OperatorAlert($"sms.{status}:{record.MessageId}", "sms." + status, record.ReferralId, $"SMS {record.MessageId} ({record.Purpose}) is {status}{(errorCode is null ? "" : $", Twilio error {errorCode}")}; email carries it instead.", now),
                cancellationToken);
        }

        LogStatus(sid, status, errorCode, record.ReferralId);
        return Results.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio status for unknown message {MessageSid}; ignored")]
    private partial void LogUnknown(string messageSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio status for {MessageSid}: {Status} (error {ErrorCode}), referral {ReferralId}")]
    private partial void LogStatus(string messageSid, string status, string? errorCode, string referralId);
}
