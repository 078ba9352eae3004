using ImeBridge.Adapters.Sqlite;
using ImeBridge.Core.Outbound;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteOutboundLedgerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_first_claim_of_a_message_id_says_send_and_every_later_claim_returns_what_stands()
    {
        await using var fixture = new SqliteFixture();
        var ledger = new SqliteOutboundLedger(fixture.Open(), new FakeTimeProvider(Start));

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
        await using var fixture = new SqliteFixture();
        var ledger = new SqliteOutboundLedger(fixture.Open(), new FakeTimeProvider(Start));
        await ledger.ClaimAsync(Sms("sms:notice:r1"), CancellationToken.None);

        var second = await ledger.ClaimAsync(Sms("sms:notice:r1"), CancellationToken.None);

        Assert.Equal(OutboundStatuses.Unconfirmed, second?.Status);
    }

    [Fact]
    public async Task Three_concurrent_claims_of_one_message_let_exactly_one_send()
    {
        await using var fixture = new SqliteFixture();
        var ledger = new SqliteOutboundLedger(fixture.Open(), new FakeTimeProvider(Start));

        var claims = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ledger.ClaimAsync(Sms("sms:notice:r2"), CancellationToken.None)));

        Assert.Single(claims, c => c is null);
    }

    [Fact]
    public async Task A_released_claim_can_be_claimed_again()
    {
        await using var fixture = new SqliteFixture();
        var ledger = new SqliteOutboundLedger(fixture.Open(), new FakeTimeProvider(Start));
        await ledger.ClaimAsync(Sms("sms:notice:r3"), CancellationToken.None);

        await ledger.ReleaseAsync("sms:notice:r3", CancellationToken.None);

        Assert.Null(await ledger.ClaimAsync(Sms("sms:notice:r3"), CancellationToken.None));
    }

    [Fact]
    public async Task Messages_are_found_by_provider_id_by_latest_recipient_and_by_referral()
    {
        await using var fixture = new SqliteFixture();
        var time = new FakeTimeProvider(Start);
        var ledger = new SqliteOutboundLedger(fixture.Open(), time);
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
    public async Task A_providers_final_status_is_not_overwritten_by_the_senders_late_sent()
    {
        await using var fixture = new SqliteFixture();
        var ledger = new SqliteOutboundLedger(fixture.Open(), new FakeTimeProvider(Start));
        await ledger.ClaimAsync(Sms("sms:notice:r6"), CancellationToken.None);
        await ledger.UpdateAsync("sms:notice:r6", OutboundStatuses.Delivered, "SM6", null, CancellationToken.None);

        await ledger.UpdateAsync("sms:notice:r6", OutboundStatuses.Sent, "SM6", null, CancellationToken.None);

        Assert.Equal(OutboundStatuses.Delivered, (await ledger.FindAsync("sms:notice:r6", CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task An_alert_is_raised_once_per_key_listed_until_resolved()
    {
        await using var fixture = new SqliteFixture();
        var alerts = new SqliteOperatorAlerts(fixture.Open(), new FakeTimeProvider(Start), NullLogger<SqliteOperatorAlerts>.Instance);
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
