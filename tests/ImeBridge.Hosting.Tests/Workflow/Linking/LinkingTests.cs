using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Workflow.Linking;

/// <summary>
/// The same claim and claimant arriving again (another external id, another partner) is linked to the open referral
/// instead of starting a second exam; an ended referral is not linked to.
/// </summary>
public sealed class LinkingTests
{
    [Fact]
    public async Task The_same_claim_posted_again_under_another_external_id_is_linked_to_the_first_which_records_the_link()
    {
        await using var app = await TestApp.StartAsync();
        var firstId = await PostAsync(app, TestPartner.Acme, ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId()));
        await WorkflowWait.UntilTriagedAsync(app.Services, firstId);

        var again = ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId());
        again["claim"]!["claimNumber"] = "wc ny 2026 0048213";
        again["claimant"]!["lastName"] = "OKONKWO WHITFIELD";
        var secondId = await PostAsync(app, TestPartner.Acme, again);
        var second = await WorkflowWait.UntilStatusAsync(app.Services, secondId, ReferralStatus.Linked);
        var original = await WorkflowWait.UntilEventAsync(app.Services, firstId, "referral.linked");

        var linked = second.Timeline[^1];
        Assert.Equal("referral.linked", linked.Event);
        Assert.StartsWith($"same claim and claimant as {firstId} (", linked.Detail, StringComparison.Ordinal);
        Assert.EndsWith("): linked to it, the exam goes on there", linked.Detail, StringComparison.Ordinal);
        Assert.Equal(firstId, second.Case.Links?.LinkedTo);
        var record = Assert.Single(original.Timeline, e => e.Event == "referral.linked");
        Assert.Contains(secondId, record.Detail, StringComparison.Ordinal);
        Assert.Contains("webhook", record.Detail, StringComparison.Ordinal);
        Assert.Equal([secondId], original.Case.Links?.Linked);
        foreach (var phi in ReferralBodies.ClaimantPhi())
        {
            Assert.DoesNotContain(phi, linked.Detail!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(phi, record.Detail!, StringComparison.OrdinalIgnoreCase);
        }

        var view = await ReadAsync(app, secondId, TestPartner.Acme);
        Assert.Equal("Linked", (string?)view["status"]);
        Assert.Contains(view["timeline"]!.AsArray(), e => ((string?)e!["detail"])?.Contains(firstId, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Another_partner_sending_the_same_claim_is_linked_but_cannot_read_the_first_partners_referral()
    {
        await using var app = await TestApp.StartAsync();
        var firstId = await PostAsync(app, TestPartner.Acme, ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId()));
        await WorkflowWait.UntilTriagedAsync(app.Services, firstId);

        var secondId = await PostAsync(app, TestPartner.Globex, ReferralBodies.ValidNode(TestPartner.Globex, ReferralBodies.NewExternalId()));
        var second = await WorkflowWait.UntilStatusAsync(app.Services, secondId, ReferralStatus.Linked);

        Assert.Equal(firstId, second.Case.Links?.LinkedTo);
        Assert.Equal("Linked", (string?)(await ReadAsync(app, secondId, TestPartner.Globex))["status"]);
        var other = await app.Client.SendAsync(SignedRequests.Get($"/api/referrals/{firstId}", TestPartner.Globex.ApiToken));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task A_referral_for_the_same_claim_as_a_cancelled_one_starts_its_own_exam()
    {
        await using var app = await TestApp.StartAsync();
        var firstId = await PostAsync(app, TestPartner.Acme, ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId()));
        await WorkflowWait.UntilTriagedAsync(app.Services, firstId);
        await CancelAsync(app, firstId);
        await WorkflowWait.UntilStatusAsync(app.Services, firstId, ReferralStatus.Cancelled);

        var secondId = await PostAsync(app, TestPartner.Acme, ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId()));
        var second = await WorkflowWait.UntilTriagedAsync(app.Services, secondId);

        Assert.Equal(ReferralStatus.Triaged, second.Status);
        Assert.Null(second.Case.Links);
        var first = await app.Services.GetRequiredService<IReferralStore>().GetAsync(firstId, CancellationToken.None);
        Assert.DoesNotContain(first!.Timeline, e => e.Event == "referral.linked");
    }

    private static async Task<string> PostAsync(TestApp app, TestPartner partner, JsonNode body)
    {
        var response = await app.Client.SendAsync(SignedRequests.Post(partner, ReferralBodies.Bytes(body)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.ReadObjectAsync())["referralId"]!;
    }

    private static async Task<JsonObject> ReadAsync(TestApp app, string referralId, TestPartner partner)
    {
        var response = await app.Client.SendAsync(SignedRequests.Get($"/api/referrals/{referralId}", partner.ApiToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    private static Task CancelAsync(TestApp app, string referralId) =>
        app.Services.GetRequiredService<IMessageQueue>().SendAsync(
            [new QueueMessage(
                "cancel-" + referralId,
                TransitionRequested.MessageType,
                referralId,
                JsonSerializer.SerializeToUtf8Bytes(new TransitionRequested(referralId, ReferralStatus.Cancelled, "operator:dana", "claimant withdrew"), MessageJson.Options))],
            CancellationToken.None);
}
