using System.Net;
using System.Text;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Testing.Logging;

namespace ImeBridge.Hosting.Tests.Hosting;

/// <summary>PHI never reaches a log: every line of a run through the whole API is scanned for the fixture's claimant.</summary>
public sealed class PhiLoggingTests
{
    [Fact]
    public async Task No_log_line_of_any_request_carries_the_claimants_personal_data()
    {
        var logs = new CapturingLoggerProvider();
        string referralId;
        await using (var app = await TestApp.StartAsync(logs: logs))
        {
            var body = ReferralBodies.Valid(TestPartner.Acme);
            var webhookId = SignedRequests.NewWebhookId();
            var accepted = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, body, webhookId));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            referralId = (string)(await accepted.ReadObjectAsync())["referralId"]!;

            var statuses = new List<HttpStatusCode>
            {
                (await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, body, webhookId))).StatusCode,
                (await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.WithSeveralErrors(TestPartner.Acme)))).StatusCode,
                (await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, Encoding.UTF8.GetBytes("{\"claimant\": ")))).StatusCode,
                (await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, body, timestamp: DateTimeOffset.UtcNow.AddHours(-1)))).StatusCode,
                (await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, body, contentType: "text/plain"))).StatusCode,
                (await app.Client.SendAsync(SignedRequests.Get(referralId, TestPartner.Acme.ApiToken))).StatusCode,
                (await app.Client.SendAsync(SignedRequests.Get(referralId, TestPartner.Globex.ApiToken))).StatusCode,
                (await app.Client.SendAsync(SignedRequests.Get(referralId, null))).StatusCode,
            };
            Assert.Equal(
                [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized],
                statuses);
            Assert.NotNull(await app.Handler.WaitForAsync(referralId, TimeSpan.FromSeconds(15)));
        }

        var text = logs.AllText;
        Assert.Contains(referralId, text, StringComparison.Ordinal);
        var phi = ReferralBodies.ClaimantPhi();
        Assert.True(phi.Count >= 5, "the fixture should carry a name, date of birth, phone, email and street");
        foreach (var value in phi)
        {
            Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"a log line carries the claimant's '{value}'");
        }

        foreach (var partner in TestPartner.All)
        {
            Assert.DoesNotContain(partner.WebhookSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(partner.ApiToken, text, StringComparison.Ordinal);
        }
    }
}
