using System.Net;
using System.Net.Sockets;
using ImeBridge.Adapters.Http;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock;
using WireMock.Server;
using WireMock.Settings;

namespace ImeBridge.Adapters.SendGrid.Tests.Support;

/// <summary>WireMock playing SendGrid's v3 API on loopback, and the sender wired as a host wires it (with the attempt timeout a test chooses).</summary>
internal sealed class SendGridMock : IDisposable
{
    public const string ApiKey = "SG.test-key-never-logged";

    /// <summary>Short, for the test of a slow answer only: a cold start on a busy machine can take seconds.</summary>
    public static readonly TimeSpan ShortAttemptTimeout = TimeSpan.FromSeconds(1);

    private readonly ServiceProvider services;

    private SendGridMock(string? baseUrlOverride, TimeSpan attemptTimeout)
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var collection = new ServiceCollection();
        collection.AddSingleton(Options.Create(new SendGridOptions
        {
            ApiKey = ApiKey,
            FromEmail = "notices@imebridge.example",
            FromName = "ImeBridge Notices",
            ApiBaseUrl = baseUrlOverride ?? Server.Url!,
        }));
        collection.AddSendGridEmailSender(new OutboundHttpPolicy
        {
            RetryWhenMaybeReceived = false,
            AttemptTimeout = attemptTimeout,
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryAfter = TimeSpan.FromSeconds(1),
        });
        services = collection.BuildServiceProvider();
    }

    public WireMockServer Server { get; }

    public IEmailSender Sender => services.GetRequiredService<IEmailSender>();

    public IReadOnlyList<IRequestMessage> Requests => [.. Server.LogEntries.Select(e => e.RequestMessage).OfType<IRequestMessage>()];

    public static SendGridMock Start(TimeSpan? attemptTimeout = null) => new(null, attemptTimeout ?? TimeSpan.FromSeconds(30));

    /// <summary>The sender pointed somewhere else than the mock (a misbehaving endpoint).</summary>
    public static SendGridMock StartAt(string baseUrl) => new(baseUrl, TimeSpan.FromSeconds(30));

    /// <summary>The sender pointed at a loopback port nothing listens on.</summary>
    public static SendGridMock StartRefusingConnections()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new SendGridMock($"http://127.0.0.1:{port}", TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        services.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
