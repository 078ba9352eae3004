using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Adapters.Webhooks;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Hosting;

/// <summary>POST /api/partners/{partnerId}/referrals: every refusal of CONTRACT.md, each a clear problem answer and never a 500.</summary>
public sealed class PartnerReferralRefusalTests
{
    private const string ProblemJson = "application/problem+json";

    [Fact]
    public async Task An_invalid_referral_gets_400_problem_json_naming_each_bad_field_and_the_rejection()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.WithSeveralErrors(TestPartner.Acme)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.MediaType());
        var problem = await response.ReadObjectAsync();
        Assert.Equal("The referral is not valid", (string?)problem["title"]);
        Assert.Equal(400, (int?)problem["status"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["type"]));
        var rejectionId = (string)problem["rejectionId"]!;
        Assert.StartsWith("rej_", rejectionId, StringComparison.Ordinal);
        Assert.Contains(rejectionId, (string)problem["detail"]!, StringComparison.Ordinal);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "claimant.dateOfBirth", "claimant.phone", "claim.jurisdiction" })
        {
            Assert.True(errors.ContainsKey(field), $"errors should name {field}: {errors.ToJsonString()}");
            Assert.NotEmpty(errors[field]!.AsArray());
            Assert.All(errors[field]!.AsArray(), reason => Assert.False(string.IsNullOrWhiteSpace((string?)reason)));
        }
    }

    [Theory]
    [InlineData("{\"source\": ")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Malformed_JSON_gets_400_with_the_whole_body_as_the_bad_field(string body)
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.MediaType());
        var problem = await response.ReadObjectAsync();
        Assert.True(problem["errors"]!.AsObject().ContainsKey("$"), problem.ToJsonString());
        Assert.StartsWith("rej_", (string?)problem["rejectionId"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_signature_headers_get_401_saying_which_is_missing()
    {
        await using var app = await TestApp.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, SignedRequests.ReferralsPath(TestPartner.Acme.Id))
        {
            Content = SignedRequests.Content(ReferralBodies.Valid(TestPartner.Acme), "application/json"),
        };

        var response = await app.Client.SendAsync(request);

        var problem = await AssertUnauthorizedAsync(response, WebhookVerificationStatus.MissingId);
        Assert.Contains("webhook-id", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_signature_header_alone_gets_401_naming_it()
    {
        await using var app = await TestApp.StartAsync();
        var request = SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme));
        request.Headers.Remove(StandardWebhookHeaderNames.Signature);

        var response = await app.Client.SendAsync(request);

        var problem = await AssertUnauthorizedAsync(response, WebhookVerificationStatus.MissingSignature);
        Assert.Contains("webhook-signature", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_gets_401_bad_signature_without_echoing_a_secret()
    {
        await using var app = await TestApp.StartAsync();
        var forged = TestPartner.Acme with { WebhookSecret = TestPartner.Globex.WebhookSecret };

        var response = await app.Client.SendAsync(SignedRequests.Post(forged, ReferralBodies.Valid(TestPartner.Acme)));

        await AssertUnauthorizedAsync(response, WebhookVerificationStatus.NoMatchingSignature);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var partner in TestPartner.All)
        {
            Assert.DoesNotContain(partner.WebhookSecret["whsec_".Length..], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_body_changed_after_signing_gets_401()
    {
        await using var app = await TestApp.StartAsync();
        var request = SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme));
        var tampered = ReferralBodies.Valid(TestPartner.Acme);
        request.Content = SignedRequests.Content(tampered, "application/json");

        var response = await app.Client.SendAsync(request);

        await AssertUnauthorizedAsync(response, WebhookVerificationStatus.NoMatchingSignature);
    }

    [Theory]
    [InlineData(-10, WebhookVerificationStatus.TimestampTooOld)]
    [InlineData(10, WebhookVerificationStatus.TimestampTooNew)]
    public async Task A_timestamp_more_than_five_minutes_away_gets_401_stale_timestamp(int minutes, WebhookVerificationStatus expected)
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(
            SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme), timestamp: DateTimeOffset.UtcNow.AddMinutes(minutes)));

        var problem = await AssertUnauthorizedAsync(response, expected);
        Assert.Contains("5 minutes", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_partner_gets_404_problem_json()
    {
        await using var app = await TestApp.StartAsync();
        var stranger = TestPartner.Acme with { Id = "nobody-we-know" };

        var response = await app.Client.SendAsync(SignedRequests.Post(stranger, ReferralBodies.Valid(TestPartner.Acme), contentType: "text/plain"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ProblemJson, response.MediaType());
        Assert.Equal(404, (int?)(await response.ReadObjectAsync())["status"]);
    }

    [Fact]
    public async Task A_body_over_the_limit_by_content_length_gets_413_before_the_signature_is_checked()
    {
        await using var app = await TestApp.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, SignedRequests.ReferralsPath(TestPartner.Acme.Id))
        {
            Content = SignedRequests.Content(OversizeJson(), "application/json"),
        };

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(ProblemJson, response.MediaType());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413_after_reading_no_more_than_the_limit()
    {
        await using var app = await TestApp.StartAsync();
        var body = OversizeJson();
        var request = SignedRequests.Post(TestPartner.Acme, body);
        var content = new StreamContent(new UnknownLengthStream(body));
        content.Headers.ContentType = new("application/json");
        request.Content = content;

        var response = await app.Client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_body_that_is_not_JSON_gets_415_before_the_signature_is_checked(string contentType)
    {
        await using var app = await TestApp.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, SignedRequests.ReferralsPath(TestPartner.Acme.Id))
        {
            Content = SignedRequests.Content(ReferralBodies.Valid(TestPartner.Acme), contentType),
        };

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(ProblemJson, response.MediaType());
    }

    [Fact]
    public async Task A_request_without_a_content_type_gets_415()
    {
        await using var app = await TestApp.StartAsync();
        var request = SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme));
        request.Content!.Headers.ContentType = null;

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static byte[] OversizeJson() =>
        Encoding.UTF8.GetBytes(new JsonObject { ["padding"] = new string('x', TestApp.MaxBodyBytes) }.ToJsonString());

    private static async Task<JsonObject> AssertUnauthorizedAsync(HttpResponseMessage response, WebhookVerificationStatus failedCheck)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ProblemJson, response.MediaType());
        var problem = await response.ReadObjectAsync();
        Assert.Equal(failedCheck.ToString(), (string?)problem["failedCheck"]);
        Assert.Equal(401, (int?)problem["status"]);
        return problem;
    }

    /// <summary>Hides its length so HttpClient sends the body chunked, without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
