using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ImeBridge.Testing.Logging;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>
/// <see cref="TestApp"/> (the real app as <c>imebridge serve</c> builds it, queue pump running) with the test partners, <see cref="TestPartner.Acme"/> sending from
/// <see cref="AcmeSender"/>, and (unless told otherwise) <c>inboundEmail.secret</c> set: SendGrid Inbound Parse at
/// <c>POST /api/email/inbound</c>. Every log line is captured.
/// </summary>
internal sealed class InboundEmailApp : IAsyncDisposable
{
    public const string Secret = "sendgrid-inbound-secret-7f3c9a1e5b";
    public const string AcmeSender = "claims@acme.example";
    public const string Route = "/api/email/inbound";

    private readonly TestApp app;

    private InboundEmailApp(TestApp app)
    {
        this.app = app;
    }

    public HttpClient Client => app.Client;

    public string DataDirectory => app.DataDirectory;

    /// <summary>Where the acknowledgements to senders are written (NOT SENT: no email provider in the embedded default).</summary>
    public string Outbox => Path.Combine(app.DataDirectory, ImeBridgeBuilder.OutboxFolderName, "email");

    public CapturingLoggerProvider Logs => app.Logs;

    /// <summary>The <c>ReferralReceived</c> messages the pump dispatched.</summary>
    public RecordingMessageHandler Handler => app.Handler;

    public IServiceProvider Services => app.Services;

    public static async Task<InboundEmailApp> StartAsync(bool inboundEmailConfigured = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["partners:0:email:senders:0"] = AcmeSender,
            ["partners:0:email:domains:0"] = "acme.example",
        };
        if (inboundEmailConfigured)
        {
            settings["inboundEmail:secret"] = Secret;
        }

        return new InboundEmailApp(await TestApp.StartAsync(settings: settings));
    }

    /// <summary>A post as SendGrid Inbound Parse makes it with "POST the raw, full MIME message" ticked.</summary>
    public static HttpRequestMessage Post(byte[]? rawMessage, string? key = Secret, string spf = "pass", string dkim = "{@acme.example : pass}")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("referrals@imebridge.example"), "to" },
            { new StringContent(AcmeSender), "from" },
            { new StringContent(spf), "SPF" },
            { new StringContent(dkim), "dkim" },
            { new StringContent("{\"to\":[\"referrals@imebridge.example\"],\"from\":\"claims@acme.example\"}"), "envelope" },
        };
        if (rawMessage is not null)
        {
            form.Add(new ByteArrayContent(rawMessage), "email");
        }

        var uri = key is null ? Route : Route + "?key=" + Uri.EscapeDataString(key);
        return new HttpRequestMessage(HttpMethod.Post, uri) { Content = form };
    }

    /// <summary>The same post with the secret as the basic-auth password (https://imebridge:SECRET@host/… in SendGrid).</summary>
    public static HttpRequestMessage PostWithBasicAuth(byte[] rawMessage, string password)
    {
        var request = Post(rawMessage, key: null);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("imebridge:" + password)));
        return request;
    }

    public static string EmailIdOf(byte[] rawMessage) => "email:" + Convert.ToHexStringLower(SHA256.HashData(rawMessage));

    public string[] OutboxFiles() => Directory.Exists(Outbox) ? Directory.GetFiles(Outbox, "*.eml") : [];

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
