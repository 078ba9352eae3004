using ImeBridge.Functions.Tests.Support;
using ImeBridge.Hosting;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Functions.Tests.Functions;

public sealed class PartnerReferralFunctionTests : IAsyncLifetime
{
    private FunctionsApp app = null!;

    public async Task InitializeAsync() => app = await FunctionsApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_valid_signed_referral_is_accepted_with_202_and_a_location()
    {
        var answer = await ReceiveAsync(HttpRequests.SampleReferral(), HttpRequests.NewWebhookId());

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        var referralId = answer.Body.GetProperty("referralId").GetString();
        Assert.StartsWith("ref_", referralId, StringComparison.Ordinal);
        Assert.Equal("/api/referrals/" + referralId, answer.Headers.Location.ToString());
    }

    [Fact]
    public async Task A_bad_signature_is_refused_with_401_and_nothing_is_stored()
    {
        const string OtherSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=";
        var webhookId = HttpRequests.NewWebhookId();

        var refused = await ReceiveAsync(HttpRequests.SampleReferral(), webhookId, OtherSecret);
        var accepted = await ReceiveAsync(HttpRequests.SampleReferral(), webhookId);

        Assert.Equal(StatusCodes.Status401Unauthorized, refused.StatusCode);
        Assert.Equal(StatusCodes.Status202Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task The_same_delivery_again_answers_200_with_the_same_referral()
    {
        var webhookId = HttpRequests.NewWebhookId();

        var first = await ReceiveAsync(HttpRequests.SampleReferral(), webhookId);
        var again = await ReceiveAsync(HttpRequests.SampleReferral(), webhookId);

        Assert.Equal(StatusCodes.Status202Accepted, first.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, again.StatusCode);
        Assert.Equal(first.Body.GetProperty("referralId").GetString(), again.Body.GetProperty("referralId").GetString());
    }

    [Fact]
    public async Task The_partner_reads_the_referral_back_with_its_token()
    {
        var accepted = await ReceiveAsync(HttpRequests.SampleReferral(), HttpRequests.NewWebhookId());
        var referralId = accepted.Body.GetProperty("referralId").GetString()!;

        var read = await ReadAsync(referralId, DemoPartner.ApiToken);

        Assert.Equal(StatusCodes.Status200OK, read.StatusCode);
        Assert.Equal(referralId, read.Body.GetProperty("referralId").GetString());
        var source = read.Body.GetProperty("referral").GetProperty("source");
        Assert.Equal("webhook", source.GetProperty("channel").GetString());
        Assert.Equal(DemoPartner.Id, source.GetProperty("partnerId").GetString());
        Assert.Equal("ACME-2026-000123", source.GetProperty("externalId").GetString());
        Assert.NotEqual(0, read.Body.GetProperty("timeline").GetArrayLength());
    }

    [Fact]
    public async Task Reading_without_a_token_is_refused_with_401()
    {
        var accepted = await ReceiveAsync(HttpRequests.SampleReferral(), HttpRequests.NewWebhookId());

        var read = await ReadAsync(accepted.Body.GetProperty("referralId").GetString()!, bearerToken: null);

        Assert.Equal(StatusCodes.Status401Unauthorized, read.StatusCode);
    }

    [Fact]
    public async Task An_unknown_referral_is_404()
    {
        var read = await ReadAsync("ref_does_not_exist", DemoPartner.ApiToken);

        Assert.Equal(StatusCodes.Status404NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Health_answers_200()
    {
        var answer = await app.InvokeAsync<Health, ExecutedResult>(async (function, services) =>
        {
            var request = HttpRequests.Get(services, "/api/health");
            return await ExecutedResult.ExecuteAsync(await function.RunAsync(request, CancellationToken.None), request);
        });

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
    }

    private Task<ExecutedResult> ReceiveAsync(byte[] body, string webhookId, string secret = DemoPartner.WebhookSecret) =>
        app.InvokeAsync<ReceivePartnerReferral, ExecutedResult>(async (function, services) =>
        {
            var request = HttpRequests.SignedReferral(services, body, webhookId, secret);
            var result = await function.RunAsync(request, DemoPartner.Id, CancellationToken.None);
            return await ExecutedResult.ExecuteAsync(result, request);
        });

    private Task<ExecutedResult> ReadAsync(string referralId, string? bearerToken) =>
        app.InvokeAsync<GetReferral, ExecutedResult>(async (function, services) =>
        {
            var request = HttpRequests.Get(services, "/api/referrals/" + referralId, bearerToken);
            var result = await function.RunAsync(request, referralId, CancellationToken.None);
            return await ExecutedResult.ExecuteAsync(result, request);
        });
}
