using ImeBridge.Core.Outbound.Consent;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

/// <summary>The consent ledger as the Twilio handlers use it: latest event wins, retried callbacks kept once, history in order.</summary>
public sealed class PostgresSmsConsentLedgerTests
{
    private const string Phone = "+15185550100";
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_number_never_seen_is_unknown_and_the_latest_event_decides_its_state()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        var ledger = new PostgresSmsConsentLedger(database, new FakeTimeProvider(Start));

        Assert.Equal(SmsConsentState.Unknown, await ledger.GetAsync(Phone, CancellationToken.None));

        await ledger.RecordAsync(Phone, new ConsentEvent(ConsentKind.OptOut, "STOP", Start, "SM1"), CancellationToken.None);
        Assert.Equal(new SmsConsentState(SmsConsentStatus.OptedOut, Start), await ledger.GetAsync(Phone, CancellationToken.None));

        // Recorded later, even with an earlier "at": the ledger's order is the order events were recorded.
        await ledger.RecordAsync(Phone, new ConsentEvent(ConsentKind.OptIn, "START", Start.AddMinutes(-1), "SM2"), CancellationToken.None);
        Assert.Equal(new SmsConsentState(SmsConsentStatus.OptedIn, Start.AddMinutes(-1)), await ledger.GetAsync(Phone, CancellationToken.None));
        Assert.Equal(SmsConsentState.Unknown, await ledger.GetAsync("+15185550199", CancellationToken.None));
    }

    [Fact]
    public async Task A_retried_callback_is_recorded_once_even_from_two_instances_at_once_and_history_is_oldest_first()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        var first = new PostgresSmsConsentLedger(database, new FakeTimeProvider(Start));
        await using var otherDatabase = await PostgresDatabase.OpenAsync(ports.ConnectionString);
        var second = new PostgresSmsConsentLedger(otherDatabase, new FakeTimeProvider(Start));
        var stop = new ConsentEvent(ConsentKind.OptOut, "STOP", Start, "SM1");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).RecordAsync(Phone, stop, CancellationToken.None))));
        await first.RecordAsync(Phone, new ConsentEvent(ConsentKind.OptIn, "UNSTOP", Start.AddMinutes(1), null), CancellationToken.None);
        await first.RecordAsync(Phone, new ConsentEvent(ConsentKind.OptIn, "START", Start.AddMinutes(2), null), CancellationToken.None);

        var history = await second.HistoryAsync(Phone, CancellationToken.None);
        Assert.Equal(
            [stop, new ConsentEvent(ConsentKind.OptIn, "UNSTOP", Start.AddMinutes(1), null), new ConsentEvent(ConsentKind.OptIn, "START", Start.AddMinutes(2), null)],
            history);
    }
}
