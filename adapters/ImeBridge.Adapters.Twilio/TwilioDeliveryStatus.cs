using ImeBridge.Core.Outbound;

namespace ImeBridge.Adapters.Twilio;

/// <summary>
/// Maps a Twilio message status (status callback <c>MessageStatus</c>, <c>ErrorCode</c>) onto <see cref="OutboundStatuses"/>.
/// Error 21610 (the number replied STOP to this sender) means suppressed whatever the status says.
/// </summary>
public static class TwilioDeliveryStatus
{
    public const string UnsubscribedErrorCode = "21610";

    /// <returns>The ledger status, or null for a status that says nothing new (receiving, read, unknown words).</returns>
    public static string? ToLedgerStatus(string? messageStatus, string? errorCode)
    {
        if (errorCode == UnsubscribedErrorCode)
        {
            return OutboundStatuses.Suppressed;
        }

        return (messageStatus ?? "").Trim().ToLowerInvariant() switch
        {
            "accepted" or "scheduled" or "queued" or "sending" or "sent" => OutboundStatuses.Sent,
            "delivered" or "read" => OutboundStatuses.Delivered,
            "undelivered" => OutboundStatuses.Undelivered,
            "failed" or "canceled" => OutboundStatuses.Failed,
            _ => null,
        };
    }
}
