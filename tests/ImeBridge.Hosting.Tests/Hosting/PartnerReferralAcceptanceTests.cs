using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Hosting;

/// <summary>POST /api/partners/{partnerId}/referrals: 202, and 200 for the same delivery or the same referral again.</summary>
public sealed class PartnerReferralAcceptanceTests
{
    [Fact]
    public async Task A_valid_signed_referral_gets_202_with_its_id_status_and_location_and_survives_a_restart()
    {
        using var data = new TempDirectory();
        string referralId;
        await using (var first = await TestApp.StartAsync(data.Path))
        {
            var response = await first.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme)));

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var body = await response.ReadObjectAsync();
            referralId = (string)body["referralId"]!;
            Assert.StartsWith("ref_", referralId, StringComparison.Ordinal);
            Assert.Equal("Received", (string?)body["status"]);
            Assert.Equal($"/api/referrals/{referralId}", response.Headers.Location?.OriginalString);
        }

        await using var second = await TestApp.StartAsync(data.Path);
        var read = await second.Client.SendAsync(SignedRequests.Get($"/api/referrals/{referralId}", TestPartner.Acme.ApiToken));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(referralId, (string?)(await read.ReadObjectAsync())["referralId"]);
    }

    [Fact]
    public async Task The_referral_names_the_bytes_it_was_read_from_and_they_are_kept_exactly()
    {
        await using var app = await TestApp.StartAsync();
        var body = ReferralBodies.Valid(TestPartner.Acme);

        var accepted = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, body));
        var referralId = (string)(await accepted.ReadObjectAsync())["referralId"]!;
        var read = await (await app.Client.SendAsync(SignedRequests.Get($"/api/referrals/{referralId}", TestPartner.Acme.ApiToken))).ReadObjectAsync();

        var named = read["referral"]!["source"]!["originalDocument"]!.Deserialize<DocumentRef>(JsonSerializerOptions.Web)!;
        Assert.Equal("intake:referral/" + referralId, named.StoreRef);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), named.Sha256);
        Assert.Equal(body.Length, named.Size);
        Assert.Equal(body, await app.Services.GetRequiredService<IReferralStore>().ReadOriginalAsync(named, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_webhook_id_again_gets_200_with_the_same_referral_id()
    {
        await using var app = await TestApp.StartAsync();
        var body = ReferralBodies.Valid(TestPartner.Acme);
        var webhookId = SignedRequests.NewWebhookId();

        var first = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, body, webhookId));
        var again = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, body, webhookId));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var firstId = (string?)(await first.ReadObjectAsync())["referralId"];
        var againBody = await again.ReadObjectAsync();
        Assert.Equal(firstId, (string?)againBody["referralId"]);
        // The referral's current state: the workflow may already have triaged it.
        Assert.Contains((string?)againBody["status"], new[] { "Received", "Triaged" });
        Assert.Equal(first.Headers.Location, again.Headers.Location);
    }

    [Fact]
    public async Task The_same_external_id_with_a_new_webhook_id_gets_200_with_the_same_referral_id()
    {
        await using var app = await TestApp.StartAsync();
        var externalId = ReferralBodies.NewExternalId();

        var first = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme, externalId)));
        var again = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme, externalId)));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((string?)(await first.ReadObjectAsync())["referralId"], (string?)(await again.ReadObjectAsync())["referralId"]);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/vnd.acme.referral+json")]
    public async Task JSON_media_types_with_a_UTF8_charset_or_a_json_suffix_are_accepted(string contentType)
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme), contentType: contentType));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task The_ReferralReceived_message_is_dispatched_by_the_queue_pump()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme)));
        var referralId = (string)(await response.ReadObjectAsync())["referralId"]!;

        var message = await app.Handler.WaitForAsync(referralId, TimeSpan.FromSeconds(15));
        Assert.NotNull(message);
        Assert.Equal(TestPartner.Acme.Id, message.PartnerId);
        Assert.Equal("webhook", message.Channel);
    }
}
