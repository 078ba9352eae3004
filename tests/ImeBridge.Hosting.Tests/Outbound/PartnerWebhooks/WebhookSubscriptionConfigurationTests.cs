using ImeBridge.Core.Outbound.PartnerEvents;
using ImeBridge.Hosting.Outbound;
using Microsoft.Extensions.DependencyInjection;
using static ImeBridge.Hosting.Tests.Outbound.PartnerWebhooks.PartnerWebhookScenario;

namespace ImeBridge.Hosting.Tests.Outbound.PartnerWebhooks;

/// <summary>Configured subscriptions: checked at start-up, merged into the store idempotently, a 410's disabling kept.</summary>
public sealed class WebhookSubscriptionConfigurationTests
{
    [Fact]
    public void A_configured_webhook_with_a_bad_url_secret_or_event_fails_validation_naming_each_field()
    {
        var options = new ImeBridgeOptions
        {
            Partners =
            [
                new PartnerOptions
                {
                    Id = "acme-insurance",
                    Kind = "insurer",
                    WebhookSecret = AcmeSecret,
                    ApiToken = "acme-read-token",
                    Webhooks = [new PartnerWebhookOptions { Url = "/relative", Secret = "whsec_c2hvcnQ=", Events = ["referral.deleted"] }],
                },
            ],
        };

        var result = new ImeBridgeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("webhooks[0].url", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("webhooks[0].secret", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("webhooks[0].events", StringComparison.Ordinal) && f.Contains("referral.deleted", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, f => f.Contains("c2hvcnQ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merging_the_configuration_again_changes_nothing_and_keeps_a_disabled_subscription_disabled()
    {
        await using var scenario = await StartAsync(_ => { });
        var store = scenario.App.Services.GetRequiredService<IWebhookSubscriptions>();
        var before = await store.GetAsync(AcmeSubscription, CancellationToken.None);
        Assert.NotNull(before);
        Assert.Equal(WebhookSubscription.FromConfiguration, before.Source);
        await store.SetEnabledAsync(AcmeSubscription, false, "The endpoint answered 410 Gone.", CancellationToken.None);

        var configured = (await store.ListForPartnerAsync("acme-insurance", CancellationToken.None)).Select(s => s with { Enabled = true, DisabledReason = null }).ToList();
        await store.MergeConfiguredAsync(configured, CancellationToken.None);
        await store.MergeConfiguredAsync(configured, CancellationToken.None);

        var after = await store.GetAsync(AcmeSubscription, CancellationToken.None);
        Assert.False(after!.Enabled);
        Assert.Equal(before.Url, after.Url);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.Equal(2, (await store.ListForPartnerAsync("acme-insurance", CancellationToken.None)).Count);
    }
}
