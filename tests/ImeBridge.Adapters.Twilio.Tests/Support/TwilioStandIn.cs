using ImeBridge.Adapters.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.Server;
using WireMock.Settings;

namespace ImeBridge.Adapters.Twilio.Tests.Support;

/// <summary>WireMock playing Twilio's REST API, and a <see cref="TwilioSmsSender"/> wired as the host wires it, pointed at it.</summary>
internal sealed class TwilioStandIn : IDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "test-auth-token-0123456789";
    public const string MessagesPath = "/2010-04-01/Accounts/" + AccountSid + "/Messages.json";


    private readonly ServiceProvider services;

    /// <param name="attemptTimeout">Ample by default: a busy machine must not turn a slow answer into a timeout.</param>
    public TwilioStandIn(Uri? apiBaseOverride = null, TimeSpan? attemptTimeout = null)
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var apiBase = apiBaseOverride ?? new Uri(Server.Url!);
        var collection = new ServiceCollection();
        collection.AddHttpClient(TwilioSmsSender.HttpClientName)
            .AddHttpMessageHandler(() => new TwilioApiBaseHandler(apiBase))
            .AddOutboundResilience("twilio", new OutboundHttpPolicy
            {
                RetryWhenMaybeReceived = false,
                AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(30),
                MaxAttempts = 3,
                RetryBaseDelay = TimeSpan.FromMilliseconds(50),
                MaxRetryAfter = TimeSpan.FromSeconds(1),
            });
        services = collection.BuildServiceProvider();
        Sender = new TwilioSmsSender(
            services.GetRequiredService<IHttpClientFactory>(),
            Options.Create(new TwilioOptions
            {
                AccountSid = AccountSid,
                AuthToken = AuthToken,
                FromNumber = "+15005550006",
                PublicBaseUrl = "https://imebridge.example.com",
                ApiBaseUrl = apiBase.ToString(),
            }));
    }

    public WireMockServer Server { get; }

    public TwilioSmsSender Sender { get; }

    /// <summary>How many message creations reached the stand-in.</summary>
    public int Posts => Server.LogEntries.Count(e => e.RequestMessage?.Path == MessagesPath);

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        services.Dispose();
    }
}
