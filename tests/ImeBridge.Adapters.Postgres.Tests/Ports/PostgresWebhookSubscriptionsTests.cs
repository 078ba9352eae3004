using ImeBridge.Core.Outbound.PartnerEvents;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

/// <summary>Subscriptions as the operator API and the start-up merge use them.</summary>
public sealed class PostgresWebhookSubscriptionsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static WebhookSubscription Subscription(string id, string source = WebhookSubscription.FromConfiguration, string url = "https://hooks.acme.example/imebridge") =>
        new(id, "acme-insurance", new Uri(url), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ["referral.received", "appointment.scheduled"], FullPayload: false, Enabled: true, source, Start, Start);

    [Fact]
    public async Task A_saved_subscription_reads_back_lists_by_partner_is_disabled_with_a_reason_and_deleted()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        var time = new FakeTimeProvider(Start);
        var store = new PostgresWebhookSubscriptions(database, time);
        var api = Subscription("sub-api", WebhookSubscription.FromApi) with { FullPayload = true, Events = ["*"], CreatedAt = Start.AddMinutes(1), UpdatedAt = Start.AddMinutes(1) };
        await store.SaveAsync(api, CancellationToken.None);
        await store.SaveAsync(Subscription("sub-b"), CancellationToken.None);
        await store.SaveAsync(Subscription("sub-a"), CancellationToken.None);

        Assert.Equal(api, await store.GetAsync("sub-api", CancellationToken.None), SameSubscription);
        Assert.Equal(["sub-a", "sub-b", "sub-api"], (await store.ListForPartnerAsync("acme-insurance", CancellationToken.None)).Select(s => s.Id));
        Assert.Empty(await store.ListForPartnerAsync("globex", CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await store.SetEnabledAsync("sub-a", false, "The endpoint answered 410 Gone.", CancellationToken.None));
        var disabled = (await store.GetAsync("sub-a", CancellationToken.None))!;
        Assert.Equal((false, "The endpoint answered 410 Gone.", Start.AddMinutes(5)), (disabled.Enabled, disabled.DisabledReason, disabled.UpdatedAt));
        Assert.True(await store.SetEnabledAsync("sub-a", true, "ignored when enabling", CancellationToken.None));
        Assert.Null((await store.GetAsync("sub-a", CancellationToken.None))!.DisabledReason);
        Assert.False(await store.SetEnabledAsync("unknown", true, null, CancellationToken.None));

        Assert.True(await store.DeleteAsync("sub-b", CancellationToken.None));
        Assert.False(await store.DeleteAsync("sub-b", CancellationToken.None));
        Assert.Null(await store.GetAsync("sub-b", CancellationToken.None));
    }

    [Fact]
    public async Task Merging_again_changes_nothing_keeps_a_disabled_one_disabled_and_removes_configured_ones_no_longer_configured()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        var time = new FakeTimeProvider(Start);
        var store = new PostgresWebhookSubscriptions(database, time);
        await store.SaveAsync(Subscription("sub-api", WebhookSubscription.FromApi), CancellationToken.None);
        await store.MergeConfiguredAsync([Subscription("sub-1"), Subscription("sub-2")], CancellationToken.None);
        await store.SetEnabledAsync("sub-1", false, "The endpoint answered 410 Gone.", CancellationToken.None);
        var before = (await store.GetAsync("sub-1", CancellationToken.None))!;

        time.Advance(TimeSpan.FromHours(1));
        await store.MergeConfiguredAsync([Subscription("sub-1")], CancellationToken.None);

        var after = (await store.GetAsync("sub-1", CancellationToken.None))!;
        Assert.Equal(before, after, SameSubscription);
        Assert.Null(await store.GetAsync("sub-2", CancellationToken.None));
        Assert.NotNull(await store.GetAsync("sub-api", CancellationToken.None));

        await store.MergeConfiguredAsync([Subscription("sub-1", url: "https://hooks.acme.example/v2")], CancellationToken.None);
        var moved = (await store.GetAsync("sub-1", CancellationToken.None))!;
        Assert.Equal((new Uri("https://hooks.acme.example/v2"), false, Start.AddHours(1), Start), (moved.Url, moved.Enabled, moved.UpdatedAt, moved.CreatedAt));
    }

    [Fact]
    public async Task Processes_merging_at_the_same_start_up_leave_one_row_per_configured_subscription()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        await using var other = await PostgresDatabase.OpenAsync(ports.ConnectionString);
        WebhookSubscription[] configured = [Subscription("sub-1"), Subscription("sub-2"), Subscription("sub-3")];

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            new PostgresWebhookSubscriptions(i % 2 == 0 ? database : other, new FakeTimeProvider(Start)).MergeConfiguredAsync(configured, CancellationToken.None))));

        Assert.Equal(3, await ports.CountAsync("webhook_subscriptions"));
    }

    private static readonly IEqualityComparer<WebhookSubscription?> SameSubscription = EqualityComparer<WebhookSubscription?>.Create(
        (a, b) => a is not null && b is not null
            && a with { Events = [] } == b with { Events = [] }
            && a.Events.SequenceEqual(b.Events, StringComparer.Ordinal));
}
