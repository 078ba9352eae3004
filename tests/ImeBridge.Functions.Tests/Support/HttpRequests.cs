using ImeBridge.Adapters.Webhooks;
using ImeBridge.Hosting;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Functions.Tests.Support;

/// <summary>Builds the <see cref="HttpRequest"/>s the Functions worker would hand to the function classes.</summary>
internal static class HttpRequests
{
    public static byte[] SampleReferral() => File.ReadAllBytes(RepositoryFolders.File("samples", "webhook", "referral.json"));

    public static HttpRequest SignedReferral(IServiceProvider services, byte[] body, string webhookId, string secret = DemoPartner.WebhookSecret)
    {
        var context = NewContext(services, HttpMethods.Post, $"/api/partners/{DemoPartner.Id}/referrals");
        var request = context.Request;
        request.ContentType = "application/json";
        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body);
        var headers = new StandardWebhookSigner(secret).CreateHeaders(webhookId, DateTimeOffset.UtcNow, body);
        foreach (var (name, value) in headers.ToList())
        {
            request.Headers[name] = value;
        }

        return request;
    }

    public static HttpRequest Get(IServiceProvider services, string path, string? bearerToken = null)
    {
        var context = NewContext(services, HttpMethods.Get, path);
        if (bearerToken is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + bearerToken;
        }

        return context.Request;
    }

    public static string NewWebhookId() => "msg_" + Guid.NewGuid().ToString("N");

    private static DefaultHttpContext NewContext(IServiceProvider services, string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("imebridge-func.example");
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }
}
