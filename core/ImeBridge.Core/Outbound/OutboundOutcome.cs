namespace ImeBridge.Core.Outbound;

/// <summary>How one channel's attempt at a message ended.</summary>
public enum OutboundOutcome
{
    /// <summary>The channel has nothing to send on: no address, no template, or the recipient withheld consent.</summary>
    NotApplicable,

    /// <summary>Handed to the provider (or the outbox), now or by an earlier run.</summary>
    Sent,

    /// <summary>The provider refused it, or the recipient opted out: another channel should carry it.</summary>
    Refused,

    /// <summary>The provider may or may not have it (a timeout after the request left): not sent again, an operator decides.</summary>
    Unconfirmed,
}

/// <summary>What a ledger record found by an earlier run means for the caller.</summary>
public static class OutboundOutcomes
{
    public static OutboundOutcome Of(string status) => status switch
    {
        OutboundStatuses.Unconfirmed or OutboundStatuses.Claimed => OutboundOutcome.Unconfirmed,
        _ when OutboundStatuses.NeedsFallback(status) => OutboundOutcome.Refused,
        _ => OutboundOutcome.Sent,
    };
}
