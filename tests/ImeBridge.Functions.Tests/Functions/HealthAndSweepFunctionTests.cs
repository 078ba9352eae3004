using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Stuck;
using ImeBridge.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Functions.Tests.Functions;

/// <summary>The health function reports each engine; the sweep timer raises alerts through the core sweep.</summary>
public sealed class HealthAndSweepFunctionTests
{
    [Fact]
    public async Task Health_names_each_embedded_engine_as_ok()
    {
        await using var app = await FunctionsApp.StartAsync();

        var answer = await app.ActivateAsync<Health, ExecutedResult>(async (function, services) =>
        {
            var request = HttpRequests.Get(services, "/api/health");
            return await ExecutedResult.ExecuteAsync(await function.RunAsync(request, CancellationToken.None), request);
        });

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal("ok", answer.Body.GetProperty("status").GetString());
        var checks = answer.Body.GetProperty("checks").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()}={c.GetProperty("engine").GetString()}:{c.GetProperty("status").GetString()}")
            .ToList();
        Assert.Equal(["store=sqlite:ok", "queue=sqlite:ok", "documents=localFiles:ok"], checks);
    }

    [Fact]
    public async Task The_sweep_timer_raises_an_alert_for_a_dead_letter_once()
    {
        await using var app = await FunctionsApp.StartAsync(services: services =>
        {
            foreach (var pump in services.Where(d => d.ImplementationType == typeof(QueuePump)).ToList())
            {
                services.Remove(pump);
            }
        });
        var queue = app.Services.GetRequiredService<IMessageQueue>();
        await queue.SendAsync([new QueueMessage("msg-fn-dead-1", "test.kind", "ref_00000000000000000000000000000fn1", "{}"u8.ToArray())], CancellationToken.None);
        await queue.DeadLetterAsync(Assert.Single(await queue.ReceiveAsync(1, CancellationToken.None)), "DeliveryRefused", null, CancellationToken.None);

        await TickAsync(app);
        await TickAsync(app);

        var alerts = await app.Services.GetRequiredService<IOperatorAlerts>().ListAsync(includeResolved: true, 10, CancellationToken.None);
        var alert = Assert.Single(alerts);
        Assert.Equal(StuckWorkSweep.DeadLetterKind, alert.Kind);
        Assert.Equal("ref_00000000000000000000000000000fn1", alert.ReferralId);
    }

    [Fact]
    public void The_sweep_timer_runs_every_five_minutes()
    {
        var trigger = typeof(SweepStuckWork).GetMethod(nameof(SweepStuckWork.RunAsync))!.GetParameters()
            .Select(p => p.GetCustomAttributes(typeof(TimerTriggerAttribute), false).OfType<TimerTriggerAttribute>().SingleOrDefault())
            .Single(a => a is not null)!;

        Assert.Equal("45 */5 * * * *", trigger.Schedule);
    }

    private static Task<bool> TickAsync(FunctionsApp app) =>
        app.ActivateAsync<SweepStuckWork, bool>(async (function, _) =>
        {
            await function.RunAsync(new TimerInfo(), CancellationToken.None);
            return true;
        });
}
