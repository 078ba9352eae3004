using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ImeBridge.Core.Experts;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Documents;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Workflow.Documents;

/// <summary>A running bridge with an expert to match, recorders for the documents messages, and helpers for the documents routes.</summary>
internal sealed class DocumentsScenario : IAsyncDisposable
{
    public const string OperatorToken = "ops-token-for-tests-0123456789abcdef";

    public static readonly byte[] Pdf = "%PDF-1.7\n% clinic notes and operative report\n"u8.ToArray();

    private DocumentsScenario(TestApp app, MessageTypeRecorder<DocumentsRequested> requested, MessageTypeRecorder<PacketReady> ready)
    {
        App = app;
        Requested = requested;
        Ready = ready;
    }

    public TestApp App { get; }

    public MessageTypeRecorder<DocumentsRequested> Requested { get; }

    public MessageTypeRecorder<PacketReady> Ready { get; }

    public IReferralStore Store => App.Services.GetRequiredService<IReferralStore>();

    public static async Task<DocumentsScenario> StartAsync(TimeProvider? clock = null, IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var requested = new MessageTypeRecorder<DocumentsRequested>(DocumentsMessages.DocumentsRequested);
        var ready = new MessageTypeRecorder<PacketReady>(DocumentsMessages.PacketReady);
        var all = new Dictionary<string, string?> { ["operatorToken"] = OperatorToken };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = await TestApp.StartAsync(
            dataDirectory: dataDirectory,
            settings: all,
            services: s =>
            {
                requested.Register(s);
                ready.Register(s);
                if (clock is not null)
                {
                    s.AddSingleton(clock);
                }
            });
        await app.Services.GetRequiredService<IExpertDirectory>().UpsertAsync(
            [TestExperts.AlbanyOrthopaedist(TestExperts.FarSlot)],
            CancellationToken.None);
        return new DocumentsScenario(app, requested, ready);
    }

    /// <summary>Posts the sample referral (an in-person workers' comp IME: it needs the medical records, whose bytes it only lists).</summary>
    public async Task<string> PostReferralAsync(Action<JsonObject>? change = null)
    {
        var body = ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId());
        change?.Invoke(body);
        var response = await App.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Bytes(body)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.ReadObjectAsync())["referralId"]!;
    }

    public Task<HttpResponseMessage> UploadAsync(string referralId, string? apiToken, params (string Field, byte[] Bytes, string ContentType)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, bytes, contentType) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            form.Add(part, field, field + "-file" + (contentType == "application/pdf" ? ".pdf" : ".bin"));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{referralId}/documents") { Content = form };
        if (apiToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        }

        return App.Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> ReissueAsync(string referralId, string? token = OperatorToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ops/referrals/{referralId}/packet-link") { Content = JsonContent.Create(new { @operator = "dana" }) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return App.Client.SendAsync(request);
    }

    /// <summary>The link in force, as the outbound notifier would get it to write to the expert.</summary>
    public async Task<string> CurrentLinkAsync(string referralId) =>
        App.Services.GetRequiredService<PacketLinks>().PathFor((await Store.GetAsync(referralId, CancellationToken.None))!)!;

    public Task<StoredReferral> WaitForAsync(string referralId, Func<StoredReferral, bool> condition, string what) =>
        WorkflowWait.UntilAsync(App.Services, referralId, condition, what);

    public Task<StoredReferral> WaitForEventAsync(string referralId, string eventName, int count = 1) =>
        WaitForAsync(referralId, s => s.Timeline.Count(e => e.Event == eventName) >= count, $"{count} × {eventName}");

    public async Task<string> DocumentsReadyAsync()
    {
        var referralId = await PostReferralAsync();
        await WaitForEventAsync(referralId, "documents.requested");
        var upload = await UploadAsync(referralId, TestPartner.Acme.ApiToken, ("medicalRecords", Pdf, "application/pdf"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        await WaitForEventAsync(referralId, "referral.documentsReady");
        return referralId;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
