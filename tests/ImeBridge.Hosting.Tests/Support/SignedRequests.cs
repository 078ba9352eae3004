using System.Net.Http.Headers;
using ImeBridge.Adapters.Webhooks;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>Builds partner referral requests signed per Standard Webhooks, the way a partner's system would.</summary>
internal static class SignedRequests
{
    public static string ReferralsPath(string partnerId) => $"/api/partners/{partnerId}/referrals";

    public static HttpRequestMessage Post(
        TestPartner partner,
        byte[] body,
        string? webhookId = null,
        DateTimeOffset? timestamp = null,
        string contentType = "application/json")
    {
        var headers = new StandardWebhookSigner(partner.WebhookSecret)
            .CreateHeaders(webhookId ?? NewWebhookId(), timestamp ?? DateTimeOffset.UtcNow, body);
        var request = new HttpRequestMessage(HttpMethod.Post, ReferralsPath(partner.Id)) { Content = Content(body, contentType) };
        foreach (var (name, value) in headers.ToList())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static HttpRequestMessage Get(string referralIdOrLocation, string? apiToken)
    {
        var path = referralIdOrLocation.StartsWith('/') ? referralIdOrLocation : "/api/referrals/" + referralIdOrLocation;
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        }

        return request;
    }

    public static string NewWebhookId() => "msg_" + Guid.NewGuid().ToString("N");
}
