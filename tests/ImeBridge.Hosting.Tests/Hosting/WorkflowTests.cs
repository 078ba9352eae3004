using System.Net;
using System.Text.Json;
using ImeBridge.Core.Experts;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Hosting;

/// <summary>
/// The workflow on the running bridge: triage follows intake, the status a partner reads follows the workflow, a
/// transition the state does not allow is refused and recorded, and a transition message delivered twice applies once.
/// </summary>
public sealed class WorkflowTests
{
    [Fact]
    public async Task A_complete_referral_is_triaged_and_the_partner_reads_the_new_status_with_its_timeline()
    {
        await using var app = await TestApp.StartAsync();
        var referralId = await PostAsync(app, ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId()));

        var stored = await WorkflowWait.UntilTriagedAsync(app.Services, referralId);

        Assert.Equal(ReferralStatus.Triaged, stored.Status);
        var entry = Assert.Single(stored.Timeline, e => e.Event == "referral.triaged");
        Assert.Equal("imebridge:triage", entry.Actor);
        Assert.StartsWith("complete", entry.Detail, StringComparison.Ordinal);
        var view = await (await app.Client.SendAsync(SignedRequests.Get($"/api/referrals/{referralId}", TestPartner.Acme.ApiToken))).ReadObjectAsync();
        Assert.Equal("Triaged", (string?)view["status"]);
        Assert.Equal("Triaged", (string?)view["referral"]!["status"]);
    }

    [Fact]
    public async Task A_triaged_referral_is_matched_to_a_licensed_expert_of_its_specialty_with_the_choice_explained()
    {
        await using var app = await TestApp.StartAsync();
        await app.Services.GetRequiredService<IExpertDirectory>().UpsertAsync(
            [TestExperts.AlbanyOrthopaedist(TestExperts.FarSlot)],
            CancellationToken.None);

        var referralId = await PostAsync(app, ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId()));
        var stored = await WaitForTimelineAsync(app, referralId, e => e.Actor == "imebridge:matching");

        Assert.Equal(ReferralStatus.ExpertMatched, stored.Status);
        var matched = Assert.Single(stored.Timeline, e => e.Event == "referral.expertMatched");
        Assert.StartsWith("chose npi:1748512369 (Dana R. Whitfield, MD)", matched.Detail, StringComparison.Ordinal);
        Assert.Contains("licensed in NY", matched.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_expert_that_qualifies_the_referral_is_escalated_to_operators_with_the_reason()
    {
        await using var app = await TestApp.StartAsync();

        var referralId = await PostAsync(app, ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId()));
        var stored = await WaitForTimelineAsync(app, referralId, e => e.Actor == "imebridge:matching");

        Assert.Equal(ReferralStatus.Triaged, stored.Status);
        var escalated = Assert.Single(stored.Timeline, e => e.Event == "match.escalated");
        Assert.StartsWith("no expert qualifies. Needed:", escalated.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referral_with_no_way_to_reach_the_claimant_and_no_questions_needs_info_listing_each_missing_field()
    {
        await using var app = await TestApp.StartAsync();
        var body = ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId());
        var claimant = body["claimant"]!.AsObject();
        claimant.Remove("phone");
        claimant.Remove("email");
        claimant.Remove("address");
        body["request"]!.AsObject().Remove("questions");
        var referralId = await PostAsync(app, body);

        var stored = await WorkflowWait.UntilTriagedAsync(app.Services, referralId);

        Assert.Equal(ReferralStatus.NeedsInfo, stored.Status);
        var reason = stored.Timeline[^1].Detail!;
        Assert.Contains("claimant.phone, claimant.email or claimant.address", reason, StringComparison.Ordinal);
        Assert.Contains("request.questions", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("jurisdiction", reason, StringComparison.Ordinal);
        foreach (var phi in ReferralBodies.ClaimantPhi())
        {
            Assert.DoesNotContain(phi, reason, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_transition_the_state_does_not_allow_is_refused_recorded_and_not_applied()
    {
        await using var app = await TestApp.StartAsync();
        var referralId = await PostAsync(app, ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId()));
        await WorkflowWait.UntilTriagedAsync(app.Services, referralId);

        await RequestAsync(app, referralId, ReferralStatus.Delivered, "operator-1");
        var stored = await WaitForTimelineAsync(app, referralId, e => e.MessageId == "operator-1");

        Assert.Equal(ReferralStatus.Triaged, stored.Status);
        var refused = stored.Timeline[^1];
        Assert.Equal("transition.refused", refused.Event);
        Assert.Equal("operator:dana", refused.Actor);
        Assert.Equal("to Delivered: Delivered cannot follow Triaged", refused.Detail);
    }

    [Fact]
    public async Task An_allowed_transition_delivered_twice_is_applied_once_and_tells_listeners_once()
    {
        await using var app = await TestApp.StartAsync();
        var referralId = await PostAsync(app, ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId()));
        await WorkflowWait.UntilTriagedAsync(app.Services, referralId);

        await RequestAsync(app, referralId, ReferralStatus.Cancelled, "operator-2");
        await RequestAsync(app, referralId, ReferralStatus.Cancelled, "operator-2");
        var stored = await WaitForTimelineAsync(app, referralId, e => e.MessageId == "operator-2");

        Assert.Equal(ReferralStatus.Cancelled, stored.Status);
        Assert.Single(stored.Timeline, e => e.MessageId == "operator-2");
        Assert.Equal("referral.cancelled", stored.Timeline[^1].Event);
        Assert.Equal("claimant withdrew", stored.Timeline[^1].Detail);
    }

    private static async Task<string> PostAsync(TestApp app, System.Text.Json.Nodes.JsonNode body)
    {
        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Bytes(body)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.ReadObjectAsync())["referralId"]!;
    }

    // Queue message ids are unique forever, so the second send of the same id is what a redelivery looks like to the
    // handler only when it reaches it; the queue drops it. Both paths must leave one applied transition.
    private static Task RequestAsync(TestApp app, string referralId, string to, string messageId) =>
        app.Services.GetRequiredService<IMessageQueue>().SendAsync(
            [new QueueMessage(
                messageId,
                TransitionRequested.MessageType,
                referralId,
                JsonSerializer.SerializeToUtf8Bytes(new TransitionRequested(referralId, to, "operator:dana", "claimant withdrew"), MessageJson.Options))],
            CancellationToken.None);

    private static Task<StoredReferral> WaitForTimelineAsync(TestApp app, string referralId, Func<TimelineEntry, bool> match)
    {
        var store = app.Services.GetRequiredService<IReferralStore>();
        return Eventually.GetAsync(
            async () => await store.GetAsync(referralId, CancellationToken.None) is { } stored && stored.Timeline.Any(match) ? stored : null,
            TimeSpan.FromSeconds(15),
            () => "the transition was not recorded in time");
    }
}
