using ImeBridge.Core.Outbound;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

/// <summary>Operator alerts across processes, and the one log line they write.</summary>
public sealed class PostgresOperatorAlertsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_alert_raised_by_two_processes_at_once_is_added_and_logged_once_with_ids_and_codes_only()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        await using var other = await PostgresDatabase.OpenAsync(ports.ConnectionString);
        using var captured = new CapturingLoggerProvider();
        using var logging = LoggerFactory.Create(builder => builder.AddProvider(captured));
        var ledger = new PostgresOutboundLedger(database, new FakeTimeProvider(Start));
        await ledger.ClaimAsync(new OutboundRecord("sms:notice:r1", OutboundChannels.Sms, "r1", "appointment.notice", "+15185550100", OutboundStatuses.Claimed, null, null, Start, Start), CancellationToken.None);
        var alert = new OperatorAlert("sms.undelivered:sms:notice:r1", "sms.undelivered", "r1", "Twilio 30003", Start);

        var raised = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            new PostgresOperatorAlerts(i % 2 == 0 ? database : other, new FakeTimeProvider(Start), logging.CreateLogger<PostgresOperatorAlerts>())
                .RaiseAsync(alert, CancellationToken.None))));

        Assert.Single(raised, added => added);
        var line = Assert.Single(captured.Lines);
        Assert.Contains("sms.undelivered", line, StringComparison.Ordinal);
        Assert.Contains("30003", line, StringComparison.Ordinal);
        Assert.DoesNotContain("5185550100", captured.AllText, StringComparison.Ordinal);
        Assert.Single(await new PostgresOperatorAlerts(other, new FakeTimeProvider(Start), logging.CreateLogger<PostgresOperatorAlerts>())
            .ListAsync(includeResolved: false, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Open_alerts_list_newest_first_up_to_the_maximum_and_resolving_twice_still_finds_the_key()
    {
        var (ports, database) = await PostgresPortsDatabase.OpenFreshAsync();
        await using var _ = ports;
        var time = new FakeTimeProvider(Start.AddHours(1));
        var alerts = new PostgresOperatorAlerts(database, time, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresOperatorAlerts>.Instance);
        for (var i = 0; i < 5; i++)
        {
            await alerts.RaiseAsync(new OperatorAlert($"email.bounced:m{i}", "email.bounced", null, "550 5.1.1", Start.AddMinutes(i)), CancellationToken.None);
        }

        Assert.True(await alerts.ResolveAsync("email.bounced:m4", CancellationToken.None));
        Assert.True(await alerts.ResolveAsync("email.bounced:m4", CancellationToken.None));

        Assert.Equal(["email.bounced:m3", "email.bounced:m2"], (await alerts.ListAsync(includeResolved: false, 2, CancellationToken.None)).Select(a => a.Key));
        var all = await alerts.ListAsync(includeResolved: true, 50, CancellationToken.None);
        Assert.Equal(5, all.Count);
        Assert.Equal(Start.AddHours(1), all[0].ResolvedAt);
        Assert.Null(all[0].ReferralId);
    }
}
