using ImeBridge.Adapters.PartnerWebhooks.Tests.Support;
using ImeBridge.Core.Outbound.PartnerEvents;

namespace ImeBridge.Adapters.PartnerWebhooks.Tests;

public sealed class PartnerEventPublisherTests : IDisposable
{
    private readonly WebhookRig rig = new();

    [Fact]
    public async Task A_partner_only_gets_events_of_its_own_referrals()
    {
        await rig.SubscribeAsync("acme-hook", partnerId: "acme-insurance");
        await rig.SubscribeAsync("globex-hook", partnerId: "globex-tpa");

        var messages = await rig.PublishAsync(rig.StatusChanged("ref-acme", "Triaged", "step-1", partnerId: "acme-insurance"));

        var message = Assert.Single(messages);
        Assert.StartsWith("wh:acme-hook:", message.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_go_in_a_session_per_subscription_and_referral_not_the_referrals_own()
    {
        await rig.SubscribeAsync("sub-1");
        var first = (await rig.PublishAsync(rig.StatusChanged("ref-1", "Triaged", "step-1"))).Single();
        var second = (await rig.PublishAsync(rig.StatusChanged("ref-1", "ExpertMatched", "step-2"))).Single();
        var other = (await rig.PublishAsync(rig.StatusChanged("ref-2", "Triaged", "step-3"))).Single();

        Assert.Equal("webhook:sub-1:ref-1", first.SessionId);
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal("webhook:sub-1:ref-2", other.SessionId);
    }

    [Fact]
    public async Task Publishing_the_same_event_twice_queues_one_delivery_and_the_count_says_how_many_subscriptions()
    {
        await rig.SubscribeAsync("sub-1");
        await rig.SubscribeAsync("sub-2");
        var evt = rig.StatusChanged("ref-1", "Triaged", "step-1");

        Assert.Equal(2, await rig.Publisher.PublishAsync(evt, null, CancellationToken.None));
        Assert.Equal(2, await rig.Publisher.PublishAsync(evt, null, CancellationToken.None));

        Assert.Equal(2, rig.Queue.OfType(PartnerWebhookDelivery.MessageType).Count);
    }

    [Fact]
    public async Task Only_subscriptions_that_want_the_type_get_it_and_none_means_zero()
    {
        var now = rig.Time.GetUtcNow();
        await rig.Subscriptions.SaveAsync(new WebhookSubscription("reports-only", WebhookRig.PartnerId, new Uri(rig.Partner.Url + "/r"), WebhookRig.Secret, [PartnerEventTypes.ReportAvailable], false, true, WebhookSubscription.FromApi, now, now), CancellationToken.None);

        Assert.Equal(0, await rig.Publisher.PublishAsync(rig.StatusChanged("ref-1", "Triaged", "step-1"), null, CancellationToken.None));
        var report = new PartnerEvent("evt_report_1", PartnerEventTypes.ReportAvailable, "ref-1", WebhookRig.PartnerId, now, new Dictionary<string, string> { ["referralId"] = "ref-1", ["reportVersion"] = "1" });
        Assert.Equal(1, await rig.Publisher.PublishAsync(report, "ledger-1", CancellationToken.None));
        Assert.Equal("ledger-1", (await rig.Log.FindAsync(WebhookDelivery.IdFor("reports-only", "evt_report_1"), CancellationToken.None))!.LedgerMessageId);
    }

    public void Dispose() => rig.Dispose();
}
