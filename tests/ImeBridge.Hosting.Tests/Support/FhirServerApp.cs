using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImeBridge.Adapters.Fhir.Polling;
using ImeBridge.Adapters.Fhir.WriteBack;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Support;

/// <summary>
/// <see cref="TestApp"/> (real host, SQLite queue, queue pump, real clock) whose partner <see cref="TestPartner.Acme"/>
/// has <c>fhir</c> settings pointing at a WireMock <see cref="PartnerFhirServer"/>. Recorders registered after the
/// app's own handlers tell when a message has been fully handled.
/// </summary>
internal sealed class FhirServerApp : IAsyncDisposable
{
    public const string BarrierType = "FhirServerTests.Barrier";

    private readonly MessageRecorder barriers;

    private FhirServerApp(TestApp app, PartnerFhirServer server, MessageRecorder referralsReceived, MessageRecorder taskUpdates, MessageRecorder barriers)
    {
        App = app;
        Server = server;
        ReferralsReceived = referralsReceived;
        TaskUpdates = taskUpdates;
        this.barriers = barriers;
    }

    public TestApp App { get; }

    public PartnerFhirServer Server { get; }

    public HttpClient Client => App.Client;

    /// <summary>ReferralReceived messages, seen after the app's handlers (the Task write-back among them) ran.</summary>
    public MessageRecorder ReferralsReceived { get; }

    /// <summary>FhirTaskUpdate messages (one per Task write-back), seen after the write-back handler ran.</summary>
    public MessageRecorder TaskUpdates { get; }

    /// <param name="acme">Acme's <c>fhir</c> settings (by default: the server, polling, write-back, NY).</param>
    /// <param name="globex">Globex's, when given; Globex has no <c>fhir</c> settings otherwise.</param>
    public static async Task<FhirServerApp> StartAsync(
        Action<FhirPartnerSettings>? acme = null,
        Action<FhirPartnerSettings>? globex = null,
        CapturingLoggerProvider? logs = null)
    {
        var server = PartnerFhirServer.Start();
        var settings = new Dictionary<string, string?>();
        var acmeSettings = new FhirPartnerSettings();
        acme?.Invoke(acmeSettings);
        acmeSettings.AddTo(settings, 0, server);
        if (globex is not null)
        {
            var globexSettings = new FhirPartnerSettings();
            globex(globexSettings);
            globexSettings.AddTo(settings, 1, server);
        }

        var referralsReceived = new MessageRecorder(MessageTypes.ReferralReceived);
        var taskUpdates = new MessageRecorder(FhirTaskUpdate.MessageType);
        var barriers = new MessageRecorder(BarrierType);
        try
        {
            var app = await TestApp.StartAsync(logs: logs, settings: settings, services: services =>
            {
                services.AddSingleton<IMessageHandler>(referralsReceived);
                services.AddSingleton<IMessageHandler>(taskUpdates);
                services.AddSingleton<IMessageHandler>(barriers);
            });
            return new FhirServerApp(app, server, referralsReceived, taskUpdates, barriers);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async Task<HttpResponseMessage> PostAsync(string path, JsonNode? body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostServiceRequestAsync(JsonNode body, TestPartner? partner = null) =>
        PostAsync("/api/fhir/ServiceRequest", body, (partner ?? TestPartner.Acme).ApiToken);

    public Task<HttpResponseMessage> NotifyAsync(JsonNode? body, string? token = null) =>
        PostAsync("/api/fhir/notifications", body, token ?? TestPartner.Acme.ApiToken);

    /// <summary>GET /api/referrals/{id} with the partner's token (Acme's unless told); the stored referral.</summary>
    public async Task<JsonObject> ReferralAsync(string referralId, TestPartner? partner = null)
    {
        var response = await Client.SendAsync(SignedRequests.Get(referralId, (partner ?? TestPartner.Acme).ApiToken));
        response.EnsureSuccessStatusCode();
        return (await response.ReadObjectAsync())["referral"]!.AsObject();
    }

    public async Task<FhirPollSummary> PollAsync(string? partnerId = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FhirPoller>().PollAsync(partnerId ?? TestPartner.Acme.Id, CancellationToken.None);
    }

    public Task SendAsync(string type, string sessionId, byte[] body, string? messageId = null) =>
        Service<IMessageQueue>().SendAsync([new QueueMessage(messageId ?? $"{type}:{Guid.NewGuid():N}", type, sessionId, body)], CancellationToken.None);

    /// <summary>
    /// Puts a marker at the end of <paramref name="sessionId"/> and waits until it is dispatched: every message queued
    /// in that session before this call has been handled by then (one session is delivered in order).
    /// </summary>
    public async Task DrainSessionAsync(string sessionId)
    {
        var id = $"{BarrierType}:{Guid.NewGuid():N}";
        await SendAsync(BarrierType, sessionId, "{}"u8.ToArray(), id);
        await barriers.WaitForAsync(m => m.MessageId == id);
    }

    public async Task<string> WaitForReferralReceivedAsync(string referralId)
    {
        await ReferralsReceived.WaitForAsync(m => m.SessionId == referralId);
        return referralId;
    }

    public static string ReferralIdOf(HttpResponseMessage accepted) => accepted.Headers.Location!.ToString()["/api/referrals/".Length..];

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Server.Dispose();
    }
}
