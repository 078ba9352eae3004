using System.Net;
using System.Net.Http.Json;
using ImeBridge.Core.Experts;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Scheduling;
using ImeBridge.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Workflow.Scheduling;

/// <summary>The bridge with an operator token, one New York orthopaedic expert, and the operator's requests.</summary>
internal static class SchedulingScenario
{
    public const string OperatorToken = "ops-token-for-tests-0123456789abcdef";
    public const string ExpertId = TestExperts.ExpertId;

    // Far enough ahead of today for any state's notice period; 14:00 UTC is the same date in New York.
    public static readonly DateTimeOffset FirstSlot = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(40).AddHours(14);

    public static DateTimeOffset Slot(int index) => FirstSlot.AddDays(index);

    /// <summary>A booked referral is Scheduled until the claimant's notice goes out (at once in daytime), then ClaimantNotified.</summary>
    public static readonly string[] AwaitingTheExam = [ReferralStatus.Scheduled, ReferralStatus.ClaimantNotified];

    /// <summary>The wall-clock time at the Albany office.</summary>
    public static DateTime InNewYork(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime;

    public static Task<TestApp> StartAsync() =>
        TestApp.StartAsync(settings: new Dictionary<string, string?> { ["operatorToken"] = OperatorToken });

    public static Expert Expert(params DateTimeOffset[] slots) => TestExperts.AlbanyOrthopaedist(slots);

    public static Task<HttpResponseMessage> MoveAsync(TestApp app, string referralId, string to, string reason) =>
        OpsPostAsync(app, $"/api/ops/referrals/{referralId}/transitions", new { to, reason, @operator = "dana" });

    public static Task<HttpResponseMessage> OpsGetAsync(TestApp app, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorToken);
        return app.Client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> OpsPostAsync(TestApp app, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorToken);
        return app.Client.SendAsync(request);
    }

    /// <summary>A referral matched to the expert and moved on to DocumentsReady (by the documents step or, here, an operator).</summary>
    /// <param name="clock">The bridge's clock when a test moved it: the webhook is signed at its time.</param>
    public static async Task<string> DocumentsReadyAsync(TestApp app, Expert expert, TimeProvider? clock = null)
    {
        await app.Services.GetRequiredService<IExpertDirectory>().UpsertAsync([expert], CancellationToken.None);
        var response = await app.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme), timestamp: clock?.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var referralId = (string)(await response.ReadObjectAsync())["referralId"]!;
        await WorkflowWait.UntilEventAsync(app.Services, referralId, "referral.expertMatched");
        // The documents step may have moved it already; then this move is refused and it does not matter.
        await MoveAsync(app, referralId, ReferralStatus.DocumentsReady, "documents checked by hand");
        return referralId;
    }

    public static Task<IReadOnlyList<ExpertBooking>> BookingsAsync(TestApp app) =>
        app.Services.GetRequiredService<IExpertDirectory>().ListBookingsAsync(ExpertId, CancellationToken.None);
}
