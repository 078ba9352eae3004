using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Case;
using ImeBridge.Core.Workflow.Reports;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Workflow.Reports;

/// <summary>
/// The running bridge with a report writer token, recorders for the messages the report steps emit, and a referral
/// brought to Examined with an expert matched (written straight into the store, emitting nothing, so that the
/// scheduling and documents steps do not join in).
/// </summary>
internal sealed class ReportsHarness : IAsyncDisposable
{
    public const string WriterToken = "writer-token-for-tests-0123456789";
    public const string OperatorToken = "ops-token-for-tests-0123456789abcdef";
    public const string ExpertNpi = "1748512369";

    /// <summary>A minimal PDF: header and trailer are what ImeBridge checks.</summary>
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private ReportsHarness(TestApp app, MessageRecorder statusChanges, MessageRecorder gaps, MessageRecorder clarifications)
    {
        App = app;
        StatusChanges = statusChanges;
        Gaps = gaps;
        Clarifications = clarifications;
    }

    public TestApp App { get; }

    public MessageRecorder StatusChanges { get; }

    public MessageRecorder Gaps { get; }

    public MessageRecorder Clarifications { get; }

    /// <param name="settings">More configuration keys.</param>
    /// <param name="services">More registrations, after the app's own.</param>
    public static async Task<ReportsHarness> StartAsync(string? writerToken = WriterToken, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var statusChanges = new MessageRecorder(MessageTypes.ReferralStatusChanged);
        var gaps = new MessageRecorder(ReportMessageTypes.ReportGapsFound);
        var clarifications = new MessageRecorder(ReportMessageTypes.ReportClarificationRequested);
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["operatorToken"] = OperatorToken };
        if (writerToken is not null)
        {
            configuration["reports:writerToken"] = writerToken;
        }

        var app = await TestApp.StartAsync(
            settings: configuration,
            services: s =>
            {
                s.AddSingleton<IMessageHandler>(statusChanges);
                s.AddSingleton<IMessageHandler>(gaps);
                s.AddSingleton<IMessageHandler>(clarifications);
                services?.Invoke(s);
            });
        return new ReportsHarness(app, statusChanges, gaps, clarifications);
    }

    /// <summary>Posts the sample referral (with the treating physician's <paramref name="opinion"/>), waits for triage, then makes it Examined by the expert.</summary>
    /// <param name="edit">Changes to the referral's body before it is posted (its parties …).</param>
    public async Task<string> ExaminedReferralAsync(JsonObject? opinion = null, Action<JsonObject>? edit = null)
    {
        var body = ReferralBodies.ValidNode(TestPartner.Acme, ReferralBodies.NewExternalId());
        if (opinion is not null)
        {
            body["request"]!["treatingPhysician"]!["opinion"] = opinion;
        }

        edit?.Invoke(body);

        var response = await App.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Bytes(body)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var referralId = (string)(await response.ReadObjectAsync())["referralId"]!;
        var triaged = await WorkflowWait.UntilTriagedAsync(App.Services, referralId);
        Assert.Equal(ReferralStatus.Triaged, triaged.Status);

        var store = App.Services.GetRequiredService<IReferralStore>();
        var match = new CaseMatch("npi:" + ExpertNpi, ExpertNpi, "207X00000X", "alb", null, TimeProvider.System.GetUtcNow());
        var outcome = await store.TransitionAsync(
            new ReferralTransition(
                referralId,
                ReferralStatus.Triaged,
                ReferralStatus.Examined,
                new TimelineEntry(TimeProvider.System.GetUtcNow(), "referral.examined", ReferralStatus.Examined, "test", "test:examined:" + referralId),
                []) { Case = triaged.Case with { Match = match } },
            CancellationToken.None);
        Assert.Equal(TransitionResult.Applied, outcome.Result);
        return referralId;
    }

    /// <summary>A report answering the sample's five questions, every section, findings and the expert's signature.</summary>
    public static JsonObject CompleteReport(string referralId, string kind = ReportKinds.Report)
    {
        var sections = new JsonObject();
        foreach (var section in ReportSections.Required)
        {
            sections[section] = "Text of " + section;
        }

        return new JsonObject
        {
            ["referralId"] = referralId,
            ["kind"] = kind,
            ["answers"] = new JsonObject { ["q1"] = "A1", ["q2"] = "A2", ["Q3"] = "A3", ["Q4"] = "A4", ["Q5"] = "A5" },
            ["sections"] = sections,
            ["findings"] = new JsonObject { ["causation"] = "related", ["mmiReached"] = false, ["workRestrictions"] = "modifiedDuty" },
            ["signature"] = Signature(),
        };
    }

    public static JsonObject Addendum(string referralId, params string[] answeredIds)
    {
        var answers = new JsonObject();
        foreach (var id in answeredIds)
        {
            answers[id] = "Answer to " + id;
        }

        return new JsonObject { ["referralId"] = referralId, ["kind"] = ReportKinds.Addendum, ["answers"] = answers, ["signature"] = Signature() };
    }

    public static HttpRequestMessage Report(JsonNode submission, byte[]? pdf = null, string? token = WriterToken)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf ?? Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "report", "report.pdf");
        form.Add(new StringContent(submission.ToJsonString(), Encoding.UTF8, "application/json"), "submission");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = form };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static HttpRequestMessage Review(string referralId, object body, string token = "acme-read-token") =>
        new(HttpMethod.Post, $"/api/referrals/{referralId}/review")
        {
            Content = JsonContent.Create(body),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        };

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await App.Client.SendAsync(request);

    public Task<StoredReferral> WaitForAsync(string referralId, Func<StoredReferral, bool> until) =>
        WorkflowWait.UntilAsync(App.Services, referralId, until, "the expected step");

    public Task<StoredReferral> WaitForQaAsync(string referralId, int count) =>
        WaitForAsync(referralId, s => s.Timeline.Count(e => e.Event is "qa.passed" or "qa.failed") >= count);

    public static T Body<T>(ReceivedMessage message) => JsonSerializer.Deserialize<T>(message.Body.Span, MessageJson.Options)!;

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    private static JsonObject Signature() => new()
    {
        ["signerName"] = "Dana R. Whitfield, MD",
        ["npi"] = ExpertNpi,
        ["signedAt"] = "2026-06-01T15:30:00Z",
    };
}
