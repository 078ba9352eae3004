using ImeBridge.Core.Outbound;

namespace ImeBridge.Adapters.Twilio.Tests;

public sealed class TwilioDeliveryStatusTests
{
    [Theory]
    [InlineData("queued", null, OutboundStatuses.Sent)]
    [InlineData("sending", null, OutboundStatuses.Sent)]
    [InlineData("sent", null, OutboundStatuses.Sent)]
    [InlineData("delivered", null, OutboundStatuses.Delivered)]
    [InlineData("undelivered", "30003", OutboundStatuses.Undelivered)]
    [InlineData("failed", "30008", OutboundStatuses.Failed)]
    [InlineData("failed", "21610", OutboundStatuses.Suppressed)]
    [InlineData("undelivered", "21610", OutboundStatuses.Suppressed)]
    [InlineData("receiving", null, null)]
    public void Twilio_status_maps_onto_the_ledger(string twilioStatus, string? errorCode, string? expected)
    {
        Assert.Equal(expected, TwilioDeliveryStatus.ToLedgerStatus(twilioStatus, errorCode));
    }

    [Fact]
    public void TwiML_escapes_the_reply_and_an_empty_answer_is_a_bare_response()
    {
        Assert.Equal("<Response />", TwiML.Empty());
        Assert.Equal("<Response><Message>A &amp; B &lt;C&gt;</Message></Response>", TwiML.Message("A & B <C>"));
    }
}
