using System.Net;
using System.Text.Json.Nodes;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Hosting;

/// <summary>GET /api/referrals/{referralId}: only the partner that sent it, with its bearer token.</summary>
public sealed class ReferralReadTests
{
    [Fact]
    public async Task The_sending_partner_reads_the_referral_and_its_timeline()
    {
        await using var app = await TestApp.StartAsync();
        var sent = ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId());
        var webhookId = SignedRequests.NewWebhookId();
        var location = await SendAsync(app, ReferralBodies.Bytes(sent), webhookId);
        await WorkflowWait.UntilTriagedAsync(app.Services, location["/api/referrals/".Length..]);

        var response = await app.Client.SendAsync(SignedRequests.Get(location, TestPartner.Acme.ApiToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.MediaType());
        var view = await response.ReadObjectAsync();
        var referralId = (string)view["referralId"]!;
        Assert.Equal($"/api/referrals/{referralId}", location);
        Assert.Equal("Triaged", (string?)view["status"]);

        var referral = view["referral"]!.AsObject();
        Assert.Equal(referralId, (string?)referral["referralId"]);
        Assert.Equal(TestPartner.Acme.Id, (string?)referral["source"]!["partnerId"]);
        Assert.Equal((string?)sent["source"]!["externalId"], (string?)referral["source"]!["externalId"]);
        Assert.Equal("webhook", (string?)referral["source"]!["channel"]);
        Assert.Equal((string?)sent["claimant"]!["lastName"], (string?)referral["claimant"]!["lastName"]);

        // Received, then triaged; matching may have added its entry since.
        var timeline = view["timeline"]!.AsArray();
        Assert.True(timeline.Count >= 2, timeline.ToJsonString());
        var triaged = timeline[1]!.AsObject();
        Assert.Equal("referral.triaged", (string?)triaged["event"]);
        Assert.Equal("Triaged", (string?)triaged["status"]);
        Assert.Equal("imebridge:triage", (string?)triaged["actor"]);
        var entry = timeline[0]!.AsObject();
        Assert.Equal("referral.received", (string?)entry["event"]);
        Assert.Equal("Received", (string?)entry["status"]);
        Assert.Equal(webhookId, (string?)entry["messageId"]);
        Assert.EndsWith("Z", (string)entry["at"]!, StringComparison.Ordinal);
        Assert.All(entry, property => Assert.NotNull(property.Value));
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401_with_a_bearer_challenge()
    {
        await using var app = await TestApp.StartAsync();
        var location = await SendAsync(app, ReferralBodies.Valid(TestPartner.Acme));

        var response = await app.Client.SendAsync(SignedRequests.Get(location, apiToken: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.MediaType());
    }

    [Theory]
    [InlineData("Bearer not-a-known-token")]
    [InlineData("Basic YWNtZTphY21l")]
    [InlineData("Bearer ")]
    public async Task With_an_unknown_token_or_another_scheme_the_answer_is_401(string authorization)
    {
        await using var app = await TestApp.StartAsync();
        var location = await SendAsync(app, ReferralBodies.Valid(TestPartner.Acme));
        var request = SignedRequests.Get(location, apiToken: null);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partners_referral_and_a_missing_one_get_the_same_404()
    {
        await using var app = await TestApp.StartAsync();
        var location = await SendAsync(app, ReferralBodies.Valid(TestPartner.Acme));
        var referralId = location["/api/referrals/".Length..];
        var missingId = "ref_" + Guid.NewGuid().ToString("N");

        var otherPartners = await app.Client.SendAsync(SignedRequests.Get(referralId, TestPartner.Globex.ApiToken));
        var missing = await app.Client.SendAsync(SignedRequests.Get(missingId, TestPartner.Globex.ApiToken));

        Assert.Equal(HttpStatusCode.NotFound, otherPartners.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", otherPartners.MediaType());
        var otherBody = WithoutRequestSpecifics(await otherPartners.ReadObjectAsync(), referralId);
        var missingBody = WithoutRequestSpecifics(await missing.ReadObjectAsync(), missingId);
        Assert.Equal(missingBody.ToJsonString(), otherBody.ToJsonString());
    }

    private static async Task<string> SendAsync(TestApp app, byte[] body, string? webhookId = null)
    {
        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, body, webhookId));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>The problem body with the trace id dropped and the requested id replaced: what is left must not differ.</summary>
    private static JsonObject WithoutRequestSpecifics(JsonObject problem, string requestedId)
    {
        problem.Remove("traceId");
        foreach (var property in problem.ToList())
        {
            if (property.Value is JsonValue value && value.TryGetValue<string>(out var text))
            {
                problem[property.Key] = text.Replace(requestedId, "{id}", StringComparison.Ordinal);
            }
        }

        return problem;
    }
}
