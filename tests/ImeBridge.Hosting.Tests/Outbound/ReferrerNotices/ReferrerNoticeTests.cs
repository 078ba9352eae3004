using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ReferrerNotices;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Hosting.Tests.Workflow.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Outbound.ReferrerNotices;

public sealed class ReferrerNoticeTests
{
    private const string ReferrerEmail = "pnatarajan@acme-mutual.example";

    [Fact]
    public async Task A_referrer_without_a_webhook_is_told_by_email_that_the_exam_is_booked_with_ids_only()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["operatorToken"] = SchedulingScenario.OperatorToken });
        var referralId = await SchedulingScenario.DocumentsReadyAsync(app, SchedulingScenario.Expert(SchedulingScenario.Slot(0)));

        var notice = await Eventually.GetAsync(
            async () => (await NoticesAsync(app, referralId)).FirstOrDefault(r => r.Status != OutboundStatuses.Claimed),
            TimeSpan.FromSeconds(20),
            () => "no referrer notice");

        Assert.Equal((OutboundStatuses.Outbox, ReferrerEmail), (notice.Status, notice.Recipient));
        var file = await File.ReadAllTextAsync(notice.ProviderId!);
        Assert.Contains(referralId, file, StringComparison.Ordinal);
        Assert.Contains("Scheduled", file, StringComparison.Ordinal);
        Assert.DoesNotContain(ReferralBodies.ClaimantPhi().Where(v => !v.Contains('@', StringComparison.Ordinal)), phi => file.Contains(phi, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_referrer_whose_webhook_carries_status_changes_gets_no_email()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["operatorToken"] = SchedulingScenario.OperatorToken,
            ["partners:0:webhooks:0:id"] = "acme-status",
            // Nothing listens there: the deliveries fail and are retried, which this test does not look at.
            ["partners:0:webhooks:0:url"] = "http://127.0.0.1:9/imebridge",
            ["partners:0:webhooks:0:secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["partners:0:webhooks:0:events:0"] = "referral.status_changed",
        });
        var referralId = await SchedulingScenario.DocumentsReadyAsync(app, SchedulingScenario.Expert(SchedulingScenario.Slot(0)));
        await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.scheduled");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Empty(await NoticesAsync(app, referralId));
    }

    private static async Task<IReadOnlyList<OutboundRecord>> NoticesAsync(TestApp app, string referralId) =>
        [.. (await app.Services.GetRequiredService<IOutboundLedger>().ListForReferralAsync(referralId, CancellationToken.None)).Where(r => r.Purpose == ReferrerNoticeHandler.Purpose)];
}
