using System.Text.Json;
using ImeBridge.Adapters.PartnerWebhooks.Tests.Support;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.PartnerEvents;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ImeBridge.Adapters.PartnerWebhooks.Tests;

/// <summary>A report.available event published with a ledger message id settles it: DeliverySettled on success or when given up.</summary>
public sealed class LedgerSettlementTests : IDisposable
{
    private readonly WebhookRig rig = new();

    [Theory]
    [InlineData(200, 1, OutboundStatuses.Delivered)]
    [InlineData(500, 8, OutboundStatuses.Failed)]
    [InlineData(404, 1, OutboundStatuses.Failed)]
    public async Task The_ledger_message_is_settled_once_the_delivery_reaches_its_outcome(int status, int deliveryCount, string outcome)
    {
        rig.Partner.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(status));
        await rig.SubscribeAsync("sub-1");
        var report = new PartnerEvent("evt_report_1", PartnerEventTypes.ReportAvailable, "ref-1", WebhookRig.PartnerId, rig.Time.GetUtcNow(), new Dictionary<string, string> { ["referralId"] = "ref-1", ["reportVersion"] = "1" });
        Assert.Equal(1, await rig.Publisher.PublishAsync(report, "report:ref-1:1:acme", CancellationToken.None));

        await rig.DispatchAsync(rig.Queue.OfType(PartnerWebhookDelivery.MessageType).Single(), deliveryCount);

        var settled = JsonSerializer.Deserialize<DeliverySettled>(rig.Queue.OfType(DeliverySettled.MessageType).Single().Body.Span, MessageJson.Options)!;
        Assert.Equal("report:ref-1:1:acme", settled.MessageId);
        Assert.Equal(OutboundChannels.Webhook, settled.Channel);
        Assert.Equal(outcome, settled.Outcome);
        Assert.Equal("ref-1", rig.Queue.OfType(DeliverySettled.MessageType).Single().SessionId);
    }

    [Fact]
    public async Task A_retry_still_pending_settles_nothing()
    {
        rig.Partner.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        await rig.SubscribeAsync("sub-1");
        var report = new PartnerEvent("evt_report_1", PartnerEventTypes.ReportAvailable, "ref-1", WebhookRig.PartnerId, rig.Time.GetUtcNow(), new Dictionary<string, string> { ["referralId"] = "ref-1" });
        await rig.Publisher.PublishAsync(report, "report:ref-1:1:acme", CancellationToken.None);

        await rig.DispatchAsync(rig.Queue.OfType(PartnerWebhookDelivery.MessageType).Single(), deliveryCount: 3);

        Assert.Empty(rig.Queue.OfType(DeliverySettled.MessageType));
    }

    public void Dispose() => rig.Dispose();
}
