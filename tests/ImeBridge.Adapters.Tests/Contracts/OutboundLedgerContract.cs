using ImeBridge.Core.Outbound;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Contracts;

/// <summary>What every <see cref="IOutboundLedger"/> (and the <see cref="IOperatorAlerts"/> beside it) must do; subclass once per adapter.</summary>
public abstract class OutboundLedgerContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    protected abstract Task<PortsDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task The_first_claim_of_a_message_id_says_send_and_every_later_claim_returns_what_stands()
    {
        await using var database = await CreateDatabaseAsync();
        var ledger = database.Open().Ledger(new FakeTimeProvider(Start));

        Assert.Null(await ledger.ClaimAsync(Sms("sms:reminder-24h:r1"), CancellationToken.None));
        await ledger.UpdateAsync("sms:reminder-24h:r1", OutboundStatuses.Sent, "SM123", null, CancellationToken.None);

        var again = await ledger.ClaimAsync(Sms("sms:reminder-24h:r1"), CancellationToken.None);

        Assert.NotNull(again);
        Assert.Equal(OutboundStatuses.Sent, again.Status);
        Assert.Equal("SM123", again.ProviderId);
    }

    [Fact]
    public async Task A_claim_left_behind_by_a_run_that_stopped_mid_call_becomes_unconfirmed_and_is_not_sent_again()
    {
        await using var database = await CreateDatabaseAsync();
        var ledger = database.Open().Ledger(new FakeTimeProvider(Start));
        await ledger.ClaimAsync(Sms("sms:notice:r1"), CancellationToken.None);

        var second = await ledger.ClaimAsync(Sms("sms:notice:r1"), CancellationToken.None);

        Assert.Equal(OutboundStatuses.Unconfirmed, second?.Status);
    }

    [Fact]
    public async Task Three_concurrent_claims_of_one_message_let_exactly_one_send()
    {
        await using var database = await CreateDatabaseAsync();
        var ledger = database.Open().Ledger(new FakeTimeProvider(Start));

        var claims = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ledger.ClaimAsync(Sms("sms:notice:r2"), CancellationToken.None)));

        Assert.Single(claims, c => c is null);
    }

    [Fact]
    public async Task Many_concurrent_claims_of_one_message_from_two_instances_let_exactly_one_send()
    {
        await using var database = await CreateDatabaseAsync();
        var first = database.Open().Ledger(new FakeTimeProvider(Start));
        var second = database.Open().Ledger(new FakeTimeProvider(Start));

        for (var round = 0; round < 5; round++)
        {
            var id = $"sms:notice:race-{round}";
            var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
                (i % 2 == 0 ? first : second).ClaimAsync(Sms(id), CancellationToken.None))));

            Assert.Single(claims, c => c is null);
            Assert.All(claims.OfType<OutboundRecord>(), c => Assert.Equal(OutboundStatuses.Unconfirmed, c.Status));
        }
    }

    [Fact]
    public async Task A_released_claim_can_be_claimed_again()
    {
        await using var database = await CreateDatabaseAsync();
        var ledger = database.Open().Ledger(new FakeTimeProvider(Start));
        await ledger.ClaimAsync(Sms("sms:notice:r3"), CancellationToken.None);

        await ledger.ReleaseAsync("sms:notice:r3", CancellationToken.None);

        Assert.Null(await ledger.ClaimAsync(Sms("sms:notice:r3"), CancellationToken.None));
    }

    [Fact]
    public async Task Messages_are_found_by_provider_id_by_latest_recipient_and_by_referral()
    {
        await using var database = await CreateDatabaseAsync();
        var time = new FakeTimeProvider(Start);
        var ledger = database.Open().Ledger(time);
        await ledger.ClaimAsync(Sms("sms:notice:r4"), CancellationToken.None);
        await ledger.UpdateAsync("sms:notice:r4", OutboundStatuses.Sent, "SM1", null, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        await ledger.ClaimAsync(Sms("sms:reminder-2h:r5", referralId: "r5"), CancellationToken.None);
        await ledger.UpdateAsync("sms:reminder-2h:r5", OutboundStatuses.Delivered, "SM2", "ok", CancellationToken.None);

        Assert.Equal("sms:notice:r4", (await ledger.FindByProviderIdAsync(OutboundChannels.Sms, "SM1", CancellationToken.None))?.MessageId);
        Assert.Null(await ledger.FindByProviderIdAsync(OutboundChannels.Email, "SM1", CancellationToken.None));
        Assert.Equal("r5", (await ledger.FindLatestToRecipientAsync(OutboundChannels.Sms, "+15185550100", CancellationToken.None))?.ReferralId);
        var r5 = Assert.Single(await ledger.ListForReferralAsync("r5", CancellationToken.None));
        Assert.Equal((OutboundStatuses.Delivered, "ok", Start.AddMinutes(1)), (r5.Status, r5.Detail, r5.UpdatedAt));
        Assert.False(await ledger.UpdateAsync("unknown", OutboundStatuses.Sent, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task Messages_of_one_referral_list_oldest_first_and_ties_in_claim_order()
    {
        await using var database = await CreateDatabaseAsync();
        var ledger = database.Open().Ledger(new FakeTimeProvider(Start));
        string[] ids = ["sms:c:r7", "sms:a:r7", "sms:b:r7"];
        foreach (var id in ids)
        {
            await ledger.ClaimAsync(Sms(id, referralId: "r7"), CancellationToken.None);
        }

        Assert.Equal(ids, (await ledger.ListForReferralAsync("r7", CancellationToken.None)).Select(r => r.MessageId));
        Assert.Equal("sms:b:r7", (await ledger.FindLatestToRecipientAsync(OutboundChannels.Sms, "+15185550100", CancellationToken.None))?.MessageId);
    }

    [Fact]
    public async Task A_providers_final_status_is_not_overwritten_by_the_senders_late_sent()
    {
        await using var database = await CreateDatabaseAsync();
        var ledger = database.Open().Ledger(new FakeTimeProvider(Start));
        await ledger.ClaimAsync(Sms("sms:notice:r6"), CancellationToken.None);
        await ledger.UpdateAsync("sms:notice:r6", OutboundStatuses.Delivered, "SM6", null, CancellationToken.None);

        await ledger.UpdateAsync("sms:notice:r6", OutboundStatuses.Sent, "SM6", null, CancellationToken.None);

        Assert.Equal(OutboundStatuses.Delivered, (await ledger.FindAsync("sms:notice:r6", CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task An_alert_is_raised_once_per_key_listed_until_resolved()
    {
        await using var database = await CreateDatabaseAsync();
        var alerts = database.Open().Alerts(new FakeTimeProvider(Start));
        var alert = new OperatorAlert("sms.undelivered:m1", "sms.undelivered", "r1", "Twilio 30003", Start);

        Assert.True(await alerts.RaiseAsync(alert, CancellationToken.None));
        Assert.False(await alerts.RaiseAsync(alert, CancellationToken.None));
        Assert.Single(await alerts.ListAsync(includeResolved: false, 50, CancellationToken.None));

        Assert.True(await alerts.ResolveAsync(alert.Key, CancellationToken.None));
        Assert.Empty(await alerts.ListAsync(includeResolved: false, 50, CancellationToken.None));
        Assert.Equal(Start, Assert.Single(await alerts.ListAsync(includeResolved: true, 50, CancellationToken.None)).ResolvedAt);
        Assert.False(await alerts.ResolveAsync("unknown", CancellationToken.None));
    }

    private static OutboundRecord Sms(string messageId, string referralId = "r1") =>
        new(messageId, OutboundChannels.Sms, referralId, "appointment.notice", "+15185550100", OutboundStatuses.Claimed, null, null, Start, Start);
}
