using System.Net.Http.Json;
using System.Text.Json;
using ImeBridge.Hosting.Tests.Support;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace ImeBridge.Hosting.Tests.Outbound.PartnerWebhooks;

/// <summary>
/// The real app with WireMock as both partners' webhook endpoints: Acme subscribes at <c>/acme</c> (thin) and
/// <c>/acme-full</c> (full payload, status changes only), Globex at <c>/globex</c>.
/// </summary>
internal sealed class PartnerWebhookScenario : IAsyncDisposable
{
    public const string OperatorToken = "ops-token-for-webhook-tests-0123456789";
    public const string AcmeSubscription = "acme-events";
    public const string AcmeFullSubscription = "acme-full";
    public const string GlobexSubscription = "globex-events";
    public static readonly string AcmeSecret = "whsec_" + Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)(i * 13))]);
    public static readonly string GlobexSecret = "whsec_" + Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)(i * 17))]);

    private PartnerWebhookScenario(WireMockServer partner, TestApp app)
    {
        Partner = partner;
        App = app;
    }

    public WireMockServer Partner { get; }

    public TestApp App { get; }

    /// <param name="arrange">Sets WireMock's answers before the app starts.</param>
    public static async Task<PartnerWebhookScenario> StartAsync(Action<WireMockServer> arrange)
    {
        var partner = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        arrange(partner);
        var settings = new Dictionary<string, string?>
        {
            ["operatorToken"] = OperatorToken,
            ["partners:0:webhooks:0:id"] = AcmeSubscription,
            ["partners:0:webhooks:0:url"] = partner.Url + "/acme",
            ["partners:0:webhooks:0:secret"] = AcmeSecret,
            ["partners:0:webhooks:0:events:0"] = "*",
            ["partners:0:webhooks:1:id"] = AcmeFullSubscription,
            ["partners:0:webhooks:1:url"] = partner.Url + "/acme-full",
            ["partners:0:webhooks:1:secret"] = AcmeSecret,
            ["partners:0:webhooks:1:events:0"] = "referral.status_changed",
            ["partners:0:webhooks:1:fullPayload"] = "true",
            ["partners:1:webhooks:0:id"] = GlobexSubscription,
            ["partners:1:webhooks:0:url"] = partner.Url + "/globex",
            ["partners:1:webhooks:0:secret"] = GlobexSecret,
            ["partners:1:webhooks:0:events:0"] = "*",
        };
        var app = await TestApp.StartAsync(settings: settings);
        return new PartnerWebhookScenario(partner, app);
    }

    public async Task<string> SubmitAcmeReferralAsync()
    {
        var response = await App.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme)));
        response.EnsureSuccessStatusCode();
        return (string)(await response.ReadObjectAsync())["referralId"]!;
    }

    /// <summary>What WireMock received at <paramref name="path"/>, in arrival order.</summary>
    public IReadOnlyList<ILogEntry> At(string path) => [.. Partner.LogEntries.Where(e => e.RequestMessage!.Path == path).OrderBy(e => e.RequestMessage!.DateTime)];

    public static string EventType(ILogEntry entry)
    {
        using var json = JsonDocument.Parse(entry.RequestMessage!.BodyAsBytes!);
        return json.RootElement.GetProperty("type").GetString()!;
    }

    public static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage!.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    public static HttpRequestMessage Ops(HttpMethod method, string path, string? token = OperatorToken, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Partner.Stop();
        Partner.Dispose();
    }
}
