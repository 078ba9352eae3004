using System.Net;
using System.Text;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Reports;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.Workflow.Reports;

/// <summary><c>POST /api/reports</c>: who may send, what is refused at the door, and QA of what is taken in.</summary>
public sealed class ReportSubmissionTests
{
    [Fact]
    public async Task Without_a_writer_token_configured_the_route_does_not_exist()
    {
        await using var harness = await ReportsHarness.StartAsync(writerToken: null);

        var response = await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport("any"), token: "anything-at-all-0123456789abcdef"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("acme-read-token")]
    [InlineData("writer-token-for-tests-012345678X")]
    public async Task A_missing_or_wrong_token_gets_401(string? token)
    {
        await using var harness = await ReportsHarness.StartAsync();

        var response = await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport("any"), token: token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_is_refused_naming_the_report_field()
    {
        await using var harness = await ReportsHarness.StartAsync();
        var referralId = await harness.ExaminedReferralAsync();

        var response = await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport(referralId), Encoding.UTF8.GetBytes("<html>report</html>")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        var problem = await response.ReadObjectAsync();
        Assert.Contains("not a PDF", (string?)problem["errors"]!["report"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_structured_part_is_refused_naming_each_field()
    {
        await using var harness = await ReportsHarness.StartAsync();
        var referralId = await harness.ExaminedReferralAsync();
        var submission = ReportsHarness.CompleteReport(referralId);
        submission["findings"]!["causation"] = "maybe";
        submission["answers"]!["q9"] = "An answer to nothing";

        var first = await harness.SendAsync(ReportsHarness.Report(submission));
        submission["findings"]!["causation"] = "related";
        var second = await harness.SendAsync(ReportsHarness.Report(submission));

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.NotNull((await first.ReadObjectAsync())["errors"]!["findings.causation"]);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("q1, q2, Q3, Q4, Q5", (string?)(await second.ReadObjectAsync())["errors"]!["answers.q9"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_for_an_unknown_referral_gets_404_and_for_a_referral_not_yet_examined_409_naming_its_state()
    {
        await using var harness = await ReportsHarness.StartAsync();
        var response = await harness.App.Client.SendAsync(SignedRequests.Post(TestPartner.Acme, ReferralBodies.Valid(TestPartner.Acme)));
        var triagedId = (string)(await response.ReadObjectAsync())["referralId"]!;
        await WorkflowWait.UntilTriagedAsync(harness.App.Services, triagedId);

        var unknown = await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport("no-such-referral")));
        var early = await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport(triagedId)));
        var addendum = await harness.SendAsync(ReportsHarness.Report(ReportsHarness.Addendum(triagedId)));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.StartsWith("The referral is Triaged; a report is taken in Examined or ReportReceived", (string?)(await early.ReadObjectAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, addendum.StatusCode);
    }

    [Fact]
    public async Task A_report_with_gaps_fails_qa_listing_each_and_the_expert_is_told_then_a_corrected_report_passes()
    {
        await using var harness = await ReportsHarness.StartAsync();
        var referralId = await harness.ExaminedReferralAsync();
        var gappy = ReportsHarness.CompleteReport(referralId);
        gappy["answers"]!.AsObject().Remove("q2");
        gappy["sections"]!.AsObject().Remove("causation");
        gappy.Remove("signature");

        var first = await harness.SendAsync(ReportsHarness.Report(gappy));
        var failed = await harness.WaitForQaAsync(referralId, 1);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(1, (int)(await first.ReadObjectAsync())["version"]!);
        Assert.Equal(ReferralStatus.ReportReceived, failed.Status);
        var qa = Assert.Single(failed.Timeline, e => e.Event == "qa.failed");
        Assert.Equal("version 1 (report): question q2 unanswered; section causation missing; unsigned", qa.Detail);
        Assert.DoesNotContain("Text of", string.Join(" ", failed.Timeline.Select(e => e.Detail)), StringComparison.Ordinal);
        var gaps = ReportsHarness.Body<ReportGapsFound>(await harness.Gaps.WaitForAsync(m => m.SessionId == referralId));
        Assert.Equal(["question q2 unanswered", "section causation missing", "unsigned"], gaps.Gaps);
        Assert.Equal(ReportsHarness.ExpertNpi, gaps.ExpertNpi);

        var second = await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport(referralId)));
        var passed = await harness.WaitForQaAsync(referralId, 2);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(2, (int)(await second.ReadObjectAsync())["version"]!);
        Assert.Equal(ReferralStatus.ReportReceived, passed.Status);
        Assert.Equal("qa.passed", passed.Timeline[^1].Event);
        var versions = passed.Case.Reports!.Versions;
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.False(versions[0].Qa.Passed);
        Assert.True(versions[1].Qa.Passed);
        Assert.Equal(["q1", "q2", "Q3", "Q4", "Q5"], versions[1].AnsweredQuestionIds);
    }

    [Fact]
    public async Task The_same_submission_sent_twice_is_one_version()
    {
        await using var harness = await ReportsHarness.StartAsync();
        var referralId = await harness.ExaminedReferralAsync();

        await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport(referralId)));
        await harness.WaitForQaAsync(referralId, 1);
        var again = await harness.SendAsync(ReportsHarness.Report(ReportsHarness.CompleteReport(referralId)));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.ReadObjectAsync();
        Assert.Equal(1, (int)body["version"]!);
        Assert.True((bool)body["duplicate"]!);
    }
}
