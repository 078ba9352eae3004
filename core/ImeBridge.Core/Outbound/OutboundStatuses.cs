namespace ImeBridge.Core.Outbound;

/// <summary>
/// Where one outbound message stands in the <see cref="IOutboundLedger"/>. <see cref="Claimed"/> is written before
/// the provider is called and <see cref="Sent"/> (or <see cref="Failed"/>) after, so a handler that runs twice finds
/// the first run's record instead of sending again. A record left <see cref="Claimed"/> by a crash mid-call is
/// <see cref="Unconfirmed"/>: the provider may or may not have the message, and an operator decides.
/// </summary>
public static class OutboundStatuses
{
    public const string Claimed = "claimed";
    public const string Sent = "sent";
    public const string Outbox = "outbox";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Undelivered = "undelivered";
    public const string Bounced = "bounced";
    public const string Suppressed = "suppressed";
    public const string Unconfirmed = "unconfirmed";

    /// <summary>States after which nothing more is expected of the provider for this message.</summary>
    public static bool IsFinal(string status) => status is Delivered or Failed or Undelivered or Bounced or Suppressed or Outbox;

    /// <summary>States that mean the recipient did not get the message, so another channel should carry it.</summary>
    public static bool NeedsFallback(string status) => status is Failed or Undelivered or Bounced or Suppressed;
}
