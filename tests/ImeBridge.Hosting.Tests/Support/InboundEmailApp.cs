using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ImeBridge.Testing.Logging;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>
/// The real app as <c>imebridge serve</c> builds it (AddImeBridge().UseEmbedded + MapImeBridgeApi, queue pump running)
/// on Kestrel at 127.0.0.1:0, with the test partners, <see cref="TestPartner.Acme"/> sending from
/// <see cref="AcmeSender"/>, and (unless told otherwise) <c>inboundEmail.secret</c> set: SendGrid Inbound Parse at
/// <c>POST /api/email/inbound</c>. Every log line is captured.
/// </summary>
internal sealed class InboundEmailApp : IAsyncDisposable
{
    public const string Secret = "sendgrid-inbound-secret-7f3c9a1e5b";
    public const string AcmeSender = "claims@acme.example";
    public const string Route = "/api/email/inbound";

    private readonly WebApplication app;
    private readonly TempDirectory data;

    private InboundEmailApp(WebApplication app, TempDirectory data, CapturingLoggerProvider logs, RecordingMessageHandler handler)
    {
        this.app = app;
        this.data = data;
        Logs = logs;
        Handler = handler;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public HttpClient Client { get; }

    public string DataDirectory => data.Path;

    /// <summary>Where the acknowledgements to senders are written (NOT SENT: no email provider in the embedded default).</summary>
    public string Outbox => Path.Combine(data.Path, ImeBridgeBuilder.OutboxFolderName, "email");

    public CapturingLoggerProvider Logs { get; }

    /// <summary>The <c>ReferralReceived</c> messages the pump dispatched.</summary>
    public RecordingMessageHandler Handler { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<InboundEmailApp> StartAsync(bool inboundEmailConfigured = true)
    {
        var data = new TempDirectory();
        var logs = new CapturingLoggerProvider();
        var handler = new RecordingMessageHandler();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ApplicationName = typeof(InboundEmailApp).Assembly.GetName().Name,
            ContentRootPath = data.Path,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var settings = TestPartner.Configuration(TestApp.MaxBodyBytes);
        settings["partners:0:email:senders:0"] = AcmeSender;
        settings["partners:0:email:domains:0"] = "acme.example";
        if (inboundEmailConfigured)
        {
            settings["inboundEmail:secret"] = Secret;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<IMessageHandler>(handler);
        builder.AddImeBridge().UseEmbedded(data.Path);

        var app = builder.Build();
        app.MapImeBridgeApi();
        await app.StartAsync();
        return new InboundEmailApp(app, data, logs, handler);
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

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        data.Dispose();
    }
}
