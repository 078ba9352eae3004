using System.Net;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Workflow.Documents;

/// <summary>
/// The documents step on the running bridge: a matched referral missing required documents asks the referrer once;
/// the referrer's upload of what is missing makes it DocumentsReady with the expert's packet.
/// </summary>
public sealed class DocumentsChecklistFlowTests
{
    [Fact]
    public async Task A_matched_referral_missing_documents_asks_the_referrer_once_naming_the_kinds_without_phi()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.PostReferralAsync();

        var stored = await scenario.WaitForEventAsync(referralId, "documents.requested");
        // Matched again (an operator's re-match): the same documents are missing, and the referrer is not asked again.
        var rematch = await scenario.App.Client.SendAsync(OpsMove(referralId, ReferralStatus.ExpertMatched));
        Assert.Equal(HttpStatusCode.OK, rematch.StatusCode);
        // A later message in the referral's session: once it is handled, the re-match has been handled too.
        await scenario.UploadAsync(referralId, TestPartner.Acme.ApiToken, ("other", DocumentsScenario.Pdf, "application/pdf"));
        stored = await scenario.WaitForEventAsync(referralId, "documents.received");

        Assert.Equal(ReferralStatus.ExpertMatched, stored.Status);
        var asked = Assert.Single(stored.Timeline, e => e.Event == "documents.requested");
        Assert.StartsWith("missing medicalRecords (rules records.examination)", asked.Detail, StringComparison.Ordinal);
        var message = Assert.Single(scenario.Requested.Bodies);
        Assert.Equal(referralId, message.ReferralId);
        Assert.Equal("npi:1748512369", message.ExpertId);
        Assert.Equal(["medicalRecords"], message.Missing);
        Assert.Equal(["medicalRecords"], stored.Case.Documents!.Requested);
        foreach (var phi in ReferralBodies.ClaimantPhi())
        {
            Assert.DoesNotContain(phi, asked.Detail!, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Uploading_part_of_what_is_missing_keeps_the_referral_waiting_and_says_what_is_still_missing()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.PostReferralAsync(body => body["referrer"]!["kind"] = "attorney");
        var asked = await scenario.WaitForEventAsync(referralId, "documents.requested");

        var response = await scenario.UploadAsync(referralId, TestPartner.Acme.ApiToken, ("legalLetter", DocumentsScenario.Pdf, "application/pdf"));
        var stored = await scenario.WaitForEventAsync(referralId, "documents.received");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.ReadObjectAsync();
        Assert.Equal("legalLetter", (string?)answer["received"]![0]!["kind"]);
        Assert.Equal(["medicalRecords"], answer["missing"]!.AsArray().Select(k => (string?)k));
        Assert.Contains("medicalRecords, legalLetter", asked.Timeline.Single(e => e.Event == "documents.requested").Detail, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.ExpertMatched, stored.Status);
        Assert.Contains("still missing medicalRecords", stored.Timeline.Single(e => e.Event == "documents.received").Detail, StringComparison.Ordinal);
        Assert.Single(scenario.Requested.Bodies);
    }

    [Fact]
    public async Task Uploading_the_missing_records_makes_the_referral_documents_ready_and_the_expert_is_told_the_packet_is_ready()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var referralId = await scenario.PostReferralAsync();
        await scenario.WaitForEventAsync(referralId, "documents.requested");

        var response = await scenario.UploadAsync(referralId, TestPartner.Acme.ApiToken, ("medicalRecords", DocumentsScenario.Pdf, "application/pdf"));
        // Later steps (scheduling) may move it on at once: the timeline says it was DocumentsReady.
        var stored = await scenario.WaitForEventAsync(referralId, "referral.documentsReady");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty((await response.ReadObjectAsync())["missing"]!.AsArray());
        var ready = Assert.Single(stored.Timeline, e => e.Event == "referral.documentsReady");
        Assert.Equal("imebridge:documents", ready.Actor);
        Assert.StartsWith("required medicalRecords all present; packet sha256:", ready.Detail, StringComparison.Ordinal);
        var documents = stored.Case.Documents!;
        var message = await scenario.Ready.WaitForAsync(_ => true);
        Assert.Single(scenario.Ready.Bodies);
        Assert.Equal(documents.Packet!.Sha256, message.PacketSha256);
        Assert.Equal(documents.Link!.ExpiresAt, message.LinkExpiresAt);
        Assert.Equal("npi:1748512369", message.ExpertId);
    }

    [Fact]
    public async Task A_referral_whose_required_documents_came_with_it_is_documents_ready_without_asking()
    {
        await using var scenario = await DocumentsScenario.StartAsync();
        var kept = await scenario.App.Services.GetRequiredService<IDocumentStore>().PutAsync(DocumentsScenario.Pdf, "application/pdf", CancellationToken.None);
        var referralId = await scenario.PostReferralAsync(body => body["documents"]![1]!["sha256"] = kept.Sha256);

        var stored = await scenario.WaitForEventAsync(referralId, "referral.documentsReady");

        Assert.DoesNotContain(stored.Timeline, e => e.Event == "documents.requested");
        Assert.Equal(1, stored.Case.Documents!.Packet!.Documents);
        Assert.Empty(scenario.Requested.Bodies);
    }

    private static HttpRequestMessage OpsMove(string referralId, string to)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ops/referrals/{referralId}/transitions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { to, reason = "re-match for the test", @operator = "dana" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DocumentsScenario.OperatorToken);
        return request;
    }
}
