using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Hosting;

/// <summary>The operator API: its own token, lists by state, partner and age, any partner's referral, manual moves with a reason.</summary>
public sealed class OpsApiTests
{
    private const string OperatorToken = "ops-token-for-tests-0123456789abcdef";

    private static Task<TestApp> StartAsync() =>
        TestApp.StartAsync(settings: new Dictionary<string, string?> { ["operatorToken"] = OperatorToken });

    private static HttpRequestMessage Ops(HttpMethod method, string path, string? token = OperatorToken, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    private static async Task<string> PostReferralAsync(TestApp app)
    {
        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var referralId = (string)(await response.ReadObjectAsync())["referralId"]!;
        await WorkflowWait.UntilTriagedAsync(app.Services, referralId);
        return referralId;
    }

    [Fact]
    public async Task Without_an_operator_token_configured_the_api_does_not_exist()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/referrals", "anything-at-all-0123456789abcdef"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("acme-read-token")]
    [InlineData("ops-token-for-tests-0123456789abcdeX")]
    public async Task A_partner_token_or_a_wrong_token_gets_401(string? token)
    {
        await using var app = await StartAsync();

        var response = await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/referrals", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Referrals_are_listed_by_state_and_partner_without_phi()
    {
        await using var app = await StartAsync();
        var referralId = await PostReferralAsync(app);

        var triaged = await (await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/referrals?status=Triaged&partner=acme-insurance"))).ReadObjectAsync();
        var scheduled = await (await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/referrals?status=Scheduled"))).ReadObjectAsync();
        var unknown = await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/referrals?status=Lost"));

        var line = Assert.Single(triaged["referrals"]!.AsArray())!;
        Assert.Equal(referralId, (string?)line["referralId"]);
        Assert.Equal("Triaged", (string?)line["status"]);
        Assert.Equal(TestPartner.Acme.Id, (string?)line["partnerId"]);
        Assert.Empty(scheduled["referrals"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        foreach (var phi in ReferralBodies.ClaimantPhi())
        {
            Assert.DoesNotContain(phi, triaged.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Stuck_lists_open_referrals_that_have_not_moved_for_that_long()
    {
        await using var app = await StartAsync();
        var referralId = await PostReferralAsync(app);
        await Task.Delay(1200);

        var stuck = await (await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/referrals?stuckFor=PT1S"))).ReadObjectAsync();
        var notYet = await (await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/referrals?stuckFor=P1D"))).ReadObjectAsync();

        Assert.Contains(stuck["referrals"]!.AsArray(), r => (string?)r!["referralId"] == referralId);
        Assert.Empty(notYet["referrals"]!.AsArray());
    }

    [Fact]
    public async Task An_operator_moves_a_referral_with_a_reason_and_the_timeline_names_them()
    {
        await using var app = await StartAsync();
        var referralId = await PostReferralAsync(app);

        var moved = await app.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/referrals/{referralId}/transitions", body: new { to = "Cancelled", reason = "referrer withdrew the request", @operator = "dana" }));
        var view = await (await app.Client.SendAsync(Ops(HttpMethod.Get, $"/api/ops/referrals/{referralId}"))).ReadObjectAsync();

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("Cancelled", (string?)view["status"]);
        var last = view["timeline"]!.AsArray().Single(e => (string?)e!["event"] == "referral.cancelled")!;
        Assert.Equal("operator:dana", (string?)last["actor"]);
        Assert.Equal("referrer withdrew the request", (string?)last["detail"]);
    }

    [Fact]
    public async Task A_move_the_state_does_not_allow_gets_409_with_why_and_is_recorded()
    {
        await using var app = await StartAsync();
        var referralId = await PostReferralAsync(app);

        var refused = await app.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/referrals/{referralId}/transitions", body: new { to = "Delivered", reason = "skip ahead", @operator = "dana" }));
        var missingReason = await app.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/referrals/{referralId}/transitions", body: new { to = "Cancelled", @operator = "dana" }));
        var view = await (await app.Client.SendAsync(Ops(HttpMethod.Get, $"/api/ops/referrals/{referralId}"))).ReadObjectAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Delivered cannot follow Triaged", (string?)(await refused.ReadObjectAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        Assert.Equal("Triaged", (string?)view["status"]);
        Assert.Contains(view["timeline"]!.AsArray(), e => (string?)e!["event"] == "transition.refused" && (string?)e["actor"] == "operator:dana");
    }

    [Fact]
    public async Task Dead_letters_are_listed_with_why_and_without_their_bodies()
    {
        await using var app = await TestApp.StartAsync(
            settings: new Dictionary<string, string?> { ["operatorToken"] = OperatorToken },
            services: s => s.AddSingleton<IMessageHandler, RefusedDelivery>());
        await app.Services.GetRequiredService<IMessageQueue>().SendAsync(
            [new QueueMessage("refused-1", RefusedDelivery.Type, "session-1", "{\"secret\":\"body\"}"u8.ToArray())],
            CancellationToken.None);

        JsonArray deadLetters = [];
        for (var attempt = 0; attempt < 100 && deadLetters.Count == 0; attempt++)
        {
            await Task.Delay(100);
            deadLetters = (await (await app.Client.SendAsync(Ops(HttpMethod.Get, "/api/ops/dead-letters"))).ReadObjectAsync())["deadLetters"]!.AsArray();
        }

        var dead = Assert.Single(deadLetters)!;
        Assert.Equal("refused-1", (string?)dead["messageId"]);
        Assert.Equal("DeliveryRefused", (string?)dead["reason"]);
        Assert.Equal("partner answered 400", (string?)dead["description"]);
        Assert.DoesNotContain("secret", dead.ToJsonString(), StringComparison.Ordinal);

        var sequenceNumber = (long)dead["sequenceNumber"]!;
        var replayed = await app.Client.SendAsync(Ops(HttpMethod.Post, $"/api/ops/dead-letters/{sequenceNumber}/replay"));
        var again = await app.Client.SendAsync(Ops(HttpMethod.Post, "/api/ops/dead-letters/987654/replay"));

        Assert.Equal(HttpStatusCode.Accepted, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        // Refused again at its next delivery: dead-lettered a second time, which shows it really was delivered again.
        for (var attempt = 0; attempt < 100 && RefusedDelivery.Deliveries < 2; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, RefusedDelivery.Deliveries);
    }

    /// <summary>A delivery the partner refuses for good: dead-lettered at its first attempt.</summary>
    private sealed class RefusedDelivery : IMessageHandler
    {
        public const string Type = "Test.RefusedDelivery";

        private static int deliveries;

        public static int Deliveries => Volatile.Read(ref deliveries);

        public string MessageType => Type;

        public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref deliveries);
            throw new OutboundDeliveryException("partner answered 400", isTransient: false);
        }
    }
}
