using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Hosting.Tests.Support;
using ImeBridge.Hosting.Tests.Workflow.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Tests.Outbound.ReportDelivery;

/// <summary>
/// The reports harness (a referral brought to Examined on the running bridge) with the New York board's intake
/// configured, taken on to an approved report: the sample referral plus a treating physician with an email.
/// </summary>
internal static class ReportDeliveryHarness
{
    public const string BoardEmail = "intake@wcb.ny.example";
    public const string PhysicianEmail = "hvarga@albany-ortho.example";

    public static Task<ReportsHarness> StartAsync(Action<IServiceCollection>? services = null) =>
        ReportsHarness.StartAsync(settings: new Dictionary<string, string?> { ["reportDelivery:boards:NY:email"] = BoardEmail }, services: services);

    /// <summary>Posts the sample (with a treating physician party unless <paramref name="withPhysicianEmail"/> is false), reports, approves.</summary>
    public static async Task<string> ApprovedReferralAsync(ReportsHarness harness, bool withPhysicianEmail = true)
    {
        var referralId = await harness.ExaminedReferralAsync(edit: body =>
        {
            if (withPhysicianEmail)
            {
                body["parties"]!.AsArray().Add(new JsonObject { ["role"] = "treatingPhysician", ["name"] = "Dr. Helena Varga, MD", ["email"] = PhysicianEmail });
            }
        });
        Assert.Equal(HttpStatusCode.Accepted, (await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport(referralId)))).StatusCode);
        await harness.WaitForQaAsync(referralId, 1);
        Assert.Equal(HttpStatusCode.Accepted, (await harness.SendAsync(ReportsHarness.Review(referralId, new { decision = "approve" }))).StatusCode);
        await harness.WaitForAsync(referralId, s => s.Timeline.Any(e => e.Event == "referral.reportApproved"));
        return referralId;
    }

    public static Task<StoredReferral> DeliveredAsync(ReportsHarness harness, string referralId) =>
        harness.WaitForAsync(referralId, s => s.Status == ReferralStatus.Delivered);

    public static HttpRequestMessage OpsProof(string referralId, string? format = null) =>
        new(HttpMethod.Get, $"/api/ops/referrals/{referralId}/proof-of-service" + (format is null ? "" : "?format=" + format))
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", ReportsHarness.OperatorToken) },
        };

    public static HttpRequestMessage PartnerProof(string referralId, TestPartner partner) =>
        new(HttpMethod.Get, $"/api/referrals/{referralId}/proof-of-service")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", partner.ApiToken) },
        };
}
