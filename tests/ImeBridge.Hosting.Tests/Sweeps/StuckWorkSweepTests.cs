using System.Net;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Stuck;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Hosting.Tests.Sweeps;

/// <summary>
/// The stuck-work sweep on the embedded engines, with the clock a <see cref="FakeTimeProvider"/> the test moves. The
/// queue pump is taken out so a referral stays where intake left it (Received) and a dead letter stays dead.
/// </summary>
public sealed class StuckWorkSweepTests
{
    [Fact]
    public async Task A_referral_past_its_state_limit_raises_one_alert_however_often_and_wherever_it_is_swept()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await StartAsync(clock);
        var referralId = await PostReferralAsync(app);

        var early = await SweepAsync(app);
        clock.Advance(TimeSpan.FromMinutes(16));
        var first = await SweepAsync(app);
        var second = await SweepAsync(app);

        Assert.Equal(new StuckWorkReport(0, 0, 0), early);
        Assert.Equal(new StuckWorkReport(1, 0, 1), first);
        Assert.Equal(new StuckWorkReport(1, 0, 0), second);
        var alert = Assert.Single(await AlertsAsync(app));
        Assert.Equal(StuckWorkSweep.StuckKind, alert.Kind);
        Assert.Equal(referralId, alert.ReferralId);
        Assert.StartsWith($"referral.stuck:{referralId}:Received:", alert.Key, StringComparison.Ordinal);
        Assert.Contains("Received since", alert.Detail, StringComparison.Ordinal);
        Assert.Contains("PT15M", alert.Detail, StringComparison.Ordinal);

        // A second process on the same state finds the alert raised.
        var secondProcess = new FakeTimeProvider(clock.GetUtcNow());
        await using (var other = await StartAsync(secondProcess, app.DataDirectory))
        {
            Assert.Equal(new StuckWorkReport(1, 0, 0), await SweepAsync(other));
        }

        Assert.Single(await AlertsAsync(app));
        foreach (var phi in ReferralBodies.ClaimantPhi())
        {
            Assert.DoesNotContain(phi, alert.Detail, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(phi, app.Logs.AllText, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_referral_that_moves_is_not_stuck_and_an_unswept_state_never_is()
    {
        // Weeks pass: a shifted clock, as a FakeTimeProvider would fire the host's periodic timers for every second of them.
        var clock = new ShiftedClock();
        await using var app = await StartAsync(clock);
        var referralId = await PostReferralAsync(app);
        clock.Advance(TimeSpan.FromMinutes(10));
        var store = app.Services.GetRequiredService<IReferralStore>();
        var moved = await store.TransitionAsync(
            new ReferralTransition(referralId, ReferralStatus.Received, ReferralStatus.Scheduled, new TimelineEntry(clock.GetUtcNow(), "test.moved", ReferralStatus.Scheduled, "test", "msg-move-1"), []),
            CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(60));

        Assert.Equal(TransitionResult.Applied, moved.Result);
        Assert.Null(StuckLimits.All.Single(l => l.Status == ReferralStatus.Scheduled).Limit);
        Assert.Equal(new StuckWorkReport(0, 0, 0), await SweepAsync(app));
    }

    [Fact]
    public async Task A_dead_letter_raises_one_alert_without_its_description()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await StartAsync(clock);
        var queue = app.Services.GetRequiredService<IMessageQueue>();
        await queue.SendAsync([new QueueMessage("msg-dead-1", "test.kind", "ref_0000000000000000000000000000dead", "{}"u8.ToArray())], CancellationToken.None);
        var received = Assert.Single(await queue.ReceiveAsync(1, CancellationToken.None));
        await queue.DeadLetterAsync(received, "DeliveryRefused", "Jane Doe at 555-0100 said no", CancellationToken.None);

        var first = await SweepAsync(app);
        var second = await SweepAsync(app);

        Assert.Equal(new StuckWorkReport(0, 1, 1), first);
        Assert.Equal(new StuckWorkReport(0, 1, 0), second);
        var alert = Assert.Single(await AlertsAsync(app));
        Assert.Equal(StuckWorkSweep.DeadLetterKind, alert.Kind);
        Assert.Equal("ref_0000000000000000000000000000dead", alert.ReferralId);
        Assert.Contains("test.kind msg-dead-1", alert.Detail, StringComparison.Ordinal);
        Assert.Contains("DeliveryRefused", alert.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", alert.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosted_sweep_runs_at_start_and_again_each_interval_on_the_host_clock()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await StartAsync(clock, runSweeps: true);
        var referralId = await PostReferralAsync(app);

        clock.Advance(TimeSpan.FromMinutes(16));

        var alerts = await Eventually.GetAsync(
            async () => (await AlertsAsync(app)) is { Count: > 0 } found ? found : null,
            TimeSpan.FromSeconds(20),
            () => "the hosted sweep raised no alert after the interval passed");
        Assert.Equal(referralId, Assert.Single(alerts).ReferralId);
    }

    [Fact]
    public void The_limits_table_names_every_open_state_once_with_a_reason()
    {
        var open = StuckLimits.OpenStates.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(open, StuckLimits.All.Select(l => l.Status).Order(StringComparer.Ordinal));
        Assert.All(StuckLimits.All, l => Assert.False(string.IsNullOrWhiteSpace(l.Why)));
        Assert.Equal(TimeSpan.FromMinutes(15), StuckLimits.All.Single(l => l.Status == ReferralStatus.Received).Limit);
        Assert.DoesNotContain(ReferralStatus.Closed, open);
    }

    [Fact]
    public void Serve_registers_the_hosted_sweep_with_RunSweeps()
    {
        using var data = new TempDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = data.Path });

        builder.AddImeBridge().UseEmbedded(data.Path).RunSweeps();

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(StuckWorkSweepService));
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(StuckWorkSweep));
    }

    private static Task<TestApp> StartAsync(TimeProvider clock, string? dataDirectory = null, bool runSweeps = false) =>
        TestApp.StartAsync(dataDirectory, settings: new Dictionary<string, string?> { ["sweeps:interval"] = "00:05:00" }, services: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            foreach (var pump in services.Where(d => d.ImplementationType == typeof(QueuePump)).ToList())
            {
                services.Remove(pump);
            }

            if (runSweeps)
            {
                services.AddOptions<StuckWorkOptions>().BindConfiguration(StuckWorkOptions.Section);
                services.AddHostedService<StuckWorkSweepService>();
            }
        });

    private static async Task<string> PostReferralAsync(TestApp app)
    {
        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.ReadObjectAsync())["referralId"]!;
    }

    private static async Task<StuckWorkReport> SweepAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StuckWorkSweep>().SweepAsync(CancellationToken.None);
    }

    private static Task<IReadOnlyList<OperatorAlert>> AlertsAsync(TestApp app) =>
        app.Services.GetRequiredService<IOperatorAlerts>().ListAsync(includeResolved: true, 100, CancellationToken.None);
}
