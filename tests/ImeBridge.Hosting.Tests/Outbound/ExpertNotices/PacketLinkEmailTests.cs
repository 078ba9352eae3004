using System.Net;
using System.Text.RegularExpressions;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ExpertNotices;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Hosting.Tests.Workflow.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Outbound.ExpertNotices;

public sealed partial class PacketLinkEmailTests
{
    [Fact]
    public async Task The_expert_gets_a_working_packet_link_by_email_once_and_the_link_is_never_logged()
    {
        await using var app = await SchedulingScenario.StartAsync();
        var expert = SchedulingScenario.Expert(SchedulingScenario.Slot(0)) with { Email = "desk@albany-ortho.example" };
        var referralId = await SchedulingScenario.DocumentsReadyAsync(app, expert);

        var sent = await Eventually.GetAsync(
            async () => (await app.Services.GetRequiredService<IOutboundLedger>().ListForReferralAsync(referralId, CancellationToken.None))
                .SingleOrDefault(r => r.Purpose == PacketLinkEmailHandler.Purpose && r.Status != OutboundStatuses.Claimed),
            TimeSpan.FromSeconds(20),
            () => "no packet link email");

        Assert.Equal((OutboundStatuses.Outbox, "desk@albany-ortho.example"), (sent.Status, sent.Recipient));
        var path = PacketPath().Match(await File.ReadAllTextAsync(sent.ProviderId!)).Value;
        var packet = await app.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, packet.StatusCode);
        Assert.Equal("application/zip", packet.Content.Headers.ContentType?.MediaType);
        // ImeBridge's own lines (ASP.NET Core's request log, which serve keeps at Warning, prints every path it serves).
        var own = app.Logs.Lines.Where(l => l.Split(' ', 3)[1].StartsWith("ImeBridge.", StringComparison.Ordinal));
        Assert.DoesNotContain(own, l => l.Contains("/api/packets/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expert_without_an_email_is_an_operators_task()
    {
        await using var app = await SchedulingScenario.StartAsync();
        var referralId = await SchedulingScenario.DocumentsReadyAsync(app, SchedulingScenario.Expert(SchedulingScenario.Slot(0)));

        var alerts = app.Services.GetRequiredService<IOperatorAlerts>();
        var alert = await Eventually.GetAsync(
            async () => (await alerts.ListAsync(includeResolved: false, 50, CancellationToken.None)).SingleOrDefault(a => a.Kind == "expert.noEmail"),
            TimeSpan.FromSeconds(20),
            () => "no expert.noEmail alert");

        Assert.Equal(referralId, alert.ReferralId);
        Assert.Contains("packet-link", alert.Detail, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"/api/packets/[A-Za-z0-9_\-\.]+")]
    private static partial Regex PacketPath();
}
