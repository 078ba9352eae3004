using System.Net;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ImeBridge.Hosting.Tests.Workflow.Scheduling.SchedulingScenario;

namespace ImeBridge.Hosting.Tests.Workflow.Scheduling;

/// <summary>
/// Matching holds the slot it chose until the booking: referrals matched while others wait for their documents spread
/// over the experts' free slots instead of all landing on the one expert whose calendar looks best, and a referral
/// that needs information gives its hold back.
/// </summary>
public sealed class MatchingHoldTests
{
    [Fact]
    public async Task Two_referrals_waiting_for_documents_hold_different_experts_slots_and_needs_info_frees_the_hold()
    {
        await using var app = await StartAsync();
        var second = Expert(Slot(0)) with { ExpertId = "npi:1245319599", Npi = "1245319599", Name = "Lee Park, MD" };
        await app.Services.GetRequiredService<IExpertDirectory>().UpsertAsync([Expert(Slot(0)), second], CancellationToken.None);

        var first = await PostWithOwnClaimAsync(app);
        var firstMatched = await WorkflowWait.UntilEventAsync(app.Services, first, "documents.requested");
        var other = await PostWithOwnClaimAsync(app);
        var otherMatched = await WorkflowWait.UntilEventAsync(app.Services, other, "documents.requested");

        Assert.Equal(ReferralStatus.ExpertMatched, otherMatched.Status);
        Assert.NotEqual(firstMatched.Case.Match!.ExpertId, otherMatched.Case.Match!.ExpertId);
        var directory = app.Services.GetRequiredService<IExpertDirectory>();
        var held = await directory.ListBookingsAsync(otherMatched.Case.Match.ExpertId, CancellationToken.None);
        Assert.Equal(other, Assert.Single(held).ReferralId);

        var moved = await MoveAsync(app, other, ReferralStatus.NeedsInfo, "claimant's address to confirm");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await Eventually.UntilAsync(
            async () => (await directory.ListBookingsAsync(otherMatched.Case.Match.ExpertId, CancellationToken.None)).Count == 0,
            TimeSpan.FromSeconds(20),
            "the hold was not released in time");
    }

    private static async Task<string> PostWithOwnClaimAsync(TestApp app)
    {
        var body = ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId());
        body["claim"]!["claimNumber"] = "WC-NY-HOLD-" + Guid.NewGuid().ToString("N")[..8];
        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Bytes(body)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.ReadObjectAsync())["referralId"]!;
    }
}
