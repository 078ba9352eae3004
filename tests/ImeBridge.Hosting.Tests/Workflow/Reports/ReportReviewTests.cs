using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Reports;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Workflow.Reports;

/// <summary><c>POST /api/referrals/{id}/review</c>: approval only after QA, clarification, addenda, and clarifications ImeBridge prepares.</summary>
public sealed class ReportReviewTests
{
    [Fact]
    public async Task Approval_is_refused_with_409_while_the_latest_report_failed_qa_and_an_operator_cannot_bypass_it()
    {
        await using var harness = await ReportsHarness.StartAsync();
        var referralId = await harness.ExaminedReferralAsync();
        var unsigned = ReportsHarness.CompleteReport(referralId);
        unsigned.Remove("signature");
        await harness.SendAsync(ReportsHarness.Report(unsigned));
        await harness.WaitForQaAsync(referralId, 1);

        var review = await harness.SendAsync(ReportsHarness.Review(referralId, new { decision = "approve" }));
        var ops = new HttpRequestMessage(HttpMethod.Post, $"/api/ops/referrals/{referralId}/transitions")
        {
            Content = JsonContent.Create(new { to = "ReportApproved", reason = "looks fine", @operator = "dana" }),
            Headers = { Authorization = new("Bearer", ReportsHarness.OperatorToken) },
        };
        var manual = await harness.SendAsync(ops);

        Assert.Equal(HttpStatusCode.Conflict, review.StatusCode);
        Assert.Contains("failed QA: unsigned", (string?)(await review.ReadObjectAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, manual.StatusCode);
        var stored = await harness.WaitForAsync(referralId, s => s.Timeline.Any(e => e.Event == "transition.refused"));
        Assert.Equal(ReferralStatus.ReportReceived, stored.Status);
    }

    [Fact]
    public async Task Clarify_then_an_addendum_then_approve_delivers_the_approved_addendums_sha256()
    {
        await using var harness = await ReportsHarness.StartAsync();
        var referralId = await harness.ExaminedReferralAsync();
        await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport(referralId)));
        await harness.WaitForQaAsync(referralId, 1);

        var clarify = await harness.SendAsync(ReportsHarness.Review(referralId, new { decision = "clarify", questions = new[] { "Please address the prior knee surgery.", "How long should restrictions last?" } }));
        var clarified = await harness.WaitForAsync(referralId, s => s.Status == ReferralStatus.ClarificationRequested);

        Assert.Equal(HttpStatusCode.Accepted, clarify.StatusCode);
        var clarification = Assert.Single(clarified.Case.Reports!.Clarifications);
        Assert.Equal(["c1", "c2"], clarification.Questions.Select(q => q.Id));
        Assert.Equal("partner:acme-insurance", clarification.RequestedBy);
        var toExpert = ReportsHarness.Body<ReportClarificationRequested>(await harness.Clarifications.WaitForAsync(m => m.SessionId == referralId));
        Assert.Equal(["c1", "c2"], toExpert.QuestionIds);
        Assert.Equal(ReportsHarness.ExpertNpi, toExpert.ExpertNpi);

        var partial = await harness.SendAsync(ReportsHarness.Report(ReportsHarness.Addendum(referralId, "c1"), AddendumPdf(1)));
        var afterPartial = await harness.WaitForQaAsync(referralId, 2);
        Assert.Equal(HttpStatusCode.Accepted, partial.StatusCode);
        Assert.Equal(ReferralStatus.AddendumReceived, afterPartial.Status);
        Assert.Equal("version 2 (addendum): question c2 unanswered", afterPartial.Timeline[^1].Detail);

        await harness.SendAsync(ReportsHarness.Report(ReportsHarness.Addendum(referralId, "c1", "c2"), AddendumPdf(2)));
        var complete = await harness.WaitForQaAsync(referralId, 3);
        Assert.Equal("qa.passed", complete.Timeline[^1].Event);
        var addendumSha = complete.Case.Reports!.Latest!.Sha256;

        var approve = await harness.SendAsync(ReportsHarness.Review(referralId, new { decision = "approve" }));
        var approved = await harness.WaitForAsync(referralId, s => s.Status == ReferralStatus.ReportApproved);

        Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        Assert.Equal([1, 3], approved.Case.Reports!.Approval!.Versions);
        var changed = ReportsHarness.Body<ReferralStatusChanged>(
            await harness.StatusChanges.WaitForAsync(m => m.SessionId == referralId && ReportsHarness.Body<ReferralStatusChanged>(m).Status == ReferralStatus.ReportApproved));
        Assert.Equal(addendumSha, changed.ReportSha256);
        var told = string.Join('\n', [harness.App.Logs.AllText, .. approved.Timeline.Select(e => e.Detail ?? "")]);
        foreach (var secret in ReferralBodies.ClaimantPhi().Append("Answer to c").Append("knee surgery").Append("Text of history"))
        {
            Assert.DoesNotContain(secret, told, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Findings_that_differ_from_the_treating_physician_prepare_a_clarification_that_a_review_without_questions_sends()
    {
        await using var harness = await ReportsHarness.StartAsync();
        var referralId = await harness.ExaminedReferralAsync(new JsonObject { ["causation"] = "related", ["mmiReached"] = false, ["workRestrictions"] = "offWork" });
        var report = ReportsHarness.CompleteReport(referralId);
        report["findings"] = new JsonObject { ["causation"] = "notRelated", ["mmiReached"] = false, ["workRestrictions"] = "none" };

        await harness.SendAsync(ReportsHarness.Report(report));
        var prepared = await harness.WaitForAsync(referralId, s => s.Timeline.Any(e => e.Event == "clarification.prepared"));

        Assert.Equal(
            "version 1 differs from the treating physician on causation, workRestrictions: questions c1, c2",
            prepared.Timeline.Single(e => e.Event == "clarification.prepared").Detail);
        Assert.Equal(Clarification.FromDisagreement, prepared.Case.Reports!.PreparedClarification!.Source);

        var review = await harness.SendAsync(ReportsHarness.Review(referralId, new { decision = "clarify" }));
        var sent = await harness.WaitForAsync(referralId, s => s.Status == ReferralStatus.ClarificationRequested);

        Assert.Equal(HttpStatusCode.Accepted, review.StatusCode);
        var clarification = Assert.Single(sent.Case.Reports!.Clarifications);
        Assert.Contains("'notRelated'", clarification.Questions[0].Text, StringComparison.Ordinal);
        Assert.Null(sent.Case.Reports.PreparedClarification);
    }

    [Fact]
    public async Task A_clarify_review_with_no_questions_and_none_prepared_is_refused_naming_questions()
    {
        await using var harness = await ReportsHarness.StartAsync();
        var referralId = await harness.ExaminedReferralAsync();
        await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport(referralId)));
        await harness.WaitForQaAsync(referralId, 1);

        var response = await harness.SendAsync(ReportsHarness.Review(referralId, new { decision = "clarify" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]!["questions"]);
    }

    [Fact]
    public async Task Another_partners_referral_is_not_found_and_a_wrong_token_gets_401()
    {
        await using var harness = await ReportsHarness.StartAsync();
        var referralId = await harness.ExaminedReferralAsync();

        var other = await harness.SendAsync(ReportsHarness.Review(referralId, new { decision = "approve" }, TestPartner.Globex.ApiToken));
        var wrong = await harness.SendAsync(ReportsHarness.Review(referralId, new { decision = "approve" }, "not-a-partner-token"));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    private static byte[] AddendumPdf(int n) => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n% addendum {n}\n%%EOF\n");
}
