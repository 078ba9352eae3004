using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ImeBridge.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Functions.Tests.Functions;

/// <summary>SendGrid Inbound Parse on the Functions app: the function made from its container as the worker makes it.</summary>
public sealed class ReceiveInboundEmailFunctionTests
{
    private const string InboundSecret = "functions-inbound-secret-0123456789";

    private static readonly byte[] Raw = Encoding.UTF8.GetBytes(
        "From: claims@acme.example\r\nTo: referrals@imebridge.example\r\nSubject: hello\r\nMessage-ID: <fn-1@acme.example>\r\n\r\nNo referral here.\r\n");

    [Fact]
    public async Task A_post_without_the_secret_or_with_a_wrong_one_is_401_and_one_with_it_is_kept_with_200()
    {
        await using var app = await FunctionsApp.StartAsync(new Dictionary<string, string?> { ["inboundEmail:secret"] = InboundSecret });

        var withoutSecret = await ReceiveAsync(app, query: "");
        var wrongSecret = await ReceiveAsync(app, query: "?key=not-the-secret-but-long-enough");
        var withSecret = await ReceiveAsync(app, query: "?key=" + InboundSecret);

        Assert.Equal(StatusCodes.Status401Unauthorized, withoutSecret.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, withSecret.StatusCode);
        Assert.Equal("email:" + Convert.ToHexStringLower(SHA256.HashData(Raw)), withSecret.Body.GetProperty("emailId").GetString());
    }

    [Fact]
    public async Task Without_inboundEmail_configured_a_post_is_404()
    {
        await using var app = await FunctionsApp.StartAsync(new Dictionary<string, string?>());

        var answer = await ReceiveAsync(app, query: "?key=" + InboundSecret);

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
    }

    private static Task<ExecutedResult> ReceiveAsync(FunctionsApp app, string query) =>
        app.ActivateAsync<ReceiveInboundEmail, ExecutedResult>(async (function, services) =>
        {
            const string Boundary = "xYzZY";
            using var form = new MultipartFormDataContent(Boundary)
            {
                { new StringContent("pass"), "SPF" },
                { new ByteArrayContent(Raw), "email" },
            };
            var bytes = await form.ReadAsByteArrayAsync();
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.Method = HttpMethods.Post;
            context.Request.Scheme = "https";
            context.Request.Host = new HostString("imebridge-func.example");
            context.Request.Path = "/api/email/inbound";
            context.Request.QueryString = query.Length == 0 ? QueryString.Empty : new QueryString(query);
            context.Request.ContentType = form.Headers.ContentType!.ToString();
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
            context.Response.Body = new MemoryStream();
            var result = await function.RunAsync(context.Request, CancellationToken.None);
            return await ExecutedResult.ExecuteAsync(result, context.Request);
        });
}
