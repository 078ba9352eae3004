using ImeBridge.Adapters.Fhir.Server;
using WireMock.RequestBuilders;
using static ImeBridge.Adapters.Fhir.Tests.Server.FhirServerHarness;

namespace ImeBridge.Adapters.Fhir.Tests.Server;

public sealed class FhirServerResilienceTests
{
    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_then_the_read_succeeds()
    {
        using var harness = Start();
        harness.Sequence("/r4/Patient/1", "GET", Status(429).WithHeader("Retry-After", "1"), FhirAnswer(PatientJson()));

        var read = await harness.Client.ReadAsync("Patient/1", CancellationToken.None);

        Assert.NotNull(read);
        var requests = harness.Requests("/r4/Patient/1");
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].RequestMessage!.DateTime - requests[0].RequestMessage!.DateTime >= TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task Two_503s_then_a_200_succeed()
    {
        using var harness = Start();
        harness.Sequence("/r4/Patient/1", "GET", Status(503), Status(503), FhirAnswer(PatientJson()));

        Assert.NotNull(await harness.Client.ReadAsync("Patient/1", CancellationToken.None));
        Assert.Equal(3, harness.Requests("/r4/Patient/1").Count);
    }

    [Fact]
    public async Task A_server_that_keeps_failing_gives_a_transient_failure_after_MaxAttempts_requests()
    {
        using var harness = Start();
        harness.Mock.Given(Request.Create().WithPath("/r4/Patient/1").UsingGet()).RespondWith(Status(500));

        var failure = await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.ReadAsync("Patient/1", CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Equal(500, failure.StatusCode);
        Assert.Equal(harness.Options.MaxAttempts, harness.Requests("/r4/Patient/1").Count);
        Assert.Contains("partner 'acme'", failure.Message);
        Assert.Contains("GET Patient", failure.Message);
        Assert.Contains("500", failure.Message);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_is_retried()
    {
        // A second long enough that a busy machine's prompt answer is not taken for a slow one.
        using var harness = Start((options, _) => options.Timeout = TimeSpan.FromSeconds(1));
        harness.Sequence("/r4/Patient/1", "GET", FhirAnswer(PatientJson()).WithDelay(TimeSpan.FromSeconds(8)), FhirAnswer(PatientJson()));
        var started = DateTimeOffset.UtcNow;

        var read = await harness.Client.ReadAsync("Patient/1", CancellationToken.None);

        Assert.NotNull(read);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(7), "the slow answer was waited for");
        Assert.Contains(harness.Logs.Lines, line => line.Contains("GET Patient attempt 1: no answer"));
        Assert.Contains(harness.Logs.Lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, "GET Patient attempt [2-9]: HTTP 200"));
    }

    [Fact]
    public async Task An_answer_that_never_comes_in_time_is_a_transient_failure()
    {
        using var harness = Start((options, _) =>
        {
            options.Timeout = TimeSpan.FromMilliseconds(200);
            options.MaxAttempts = 2;
        });
        harness.Mock.Given(Request.Create().WithPath("/r4/Patient/1").UsingGet())
            .RespondWith(FhirAnswer(PatientJson()).WithDelay(TimeSpan.FromSeconds(10)));
        var started = DateTimeOffset.UtcNow;

        var failure = await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.ReadAsync("Patient/1", CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);
        Assert.Contains("timed out (2 attempts)", failure.Message);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(8), "the slow answer was waited for");
    }

    [Fact]
    public async Task A_Retry_After_longer_than_MaxRetryAfter_is_not_waited_for()
    {
        using var harness = Start();
        harness.Mock.Given(Request.Create().WithPath("/r4/Patient/1").UsingGet())
            .RespondWith(Status(429).WithHeader("Retry-After", "3600"));

        var failure = await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.ReadAsync("Patient/1", CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Equal(429, failure.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), failure.RetryAfter);
        Assert.Single(harness.Requests("/r4/Patient/1"));
    }

    [Fact]
    public async Task A_Retry_After_given_as_an_HTTP_date_is_honoured()
    {
        using var harness = Start();
        // HTTP dates count whole seconds and the server may stamp its own Date a second later: two seconds ahead
        // leaves at least one to wait.
        var now = DateTimeOffset.UtcNow;
        harness.Sequence(
            "/r4/Patient/1",
            "GET",
            Status(503).WithHeader("Date", now.ToString("R")).WithHeader("Retry-After", now.AddSeconds(2).ToString("R")),
            FhirAnswer(PatientJson()));

        Assert.NotNull(await harness.Client.ReadAsync("Patient/1", CancellationToken.None));
        var requests = harness.Requests("/r4/Patient/1");
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].RequestMessage!.DateTime - requests[0].RequestMessage!.DateTime >= TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_reports_the_OperationOutcome_codes_only()
    {
        using var harness = Start();
        harness.Serve(
            "Patient/1",
            """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"forbidden","diagnostics":"Daniel Okonkwo may not be read"}]}""",
            status: 403);

        var failure = await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.ReadAsync("Patient/1", CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Equal(403, failure.StatusCode);
        Assert.Equal(["forbidden"], failure.IssueCodes);
        Assert.DoesNotContain("Okonkwo", failure.ToString());
        Assert.Single(harness.Requests("/r4/Patient/1"));
    }

    [Fact]
    public async Task A_partner_that_keeps_failing_is_left_alone_while_its_circuit_is_open()
    {
        using var harness = Start((options, _) => options.MaxAttempts = 1);
        harness.Mock.Given(Request.Create().WithPath("/r4/Patient/1").UsingGet()).RespondWith(Status(503));
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.ReadAsync("Patient/1", CancellationToken.None));
        }

        var failure = await Assert.ThrowsAsync<FhirServerException>(() => harness.Client.ReadAsync("Patient/1", CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Contains("circuit is open", failure.Message);
        Assert.Equal(10, harness.Requests("/r4/Patient/1").Count);
    }

    [Fact]
    public void Only_requests_that_can_be_sent_twice_are_retried()
    {
        using var plainPost = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/r4/Task");
        using var conditionalPost = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/r4/Task");
        conditionalPost.Headers.Add("If-None-Exist", "identifier=a%7Cb");
        using var put = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1/r4/Task?identifier=a%7Cb");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "http://127.0.0.1/r4/Task/1");

        Assert.False(FhirServerTransport.IsRetryable(plainPost));
        Assert.False(FhirServerTransport.IsRetryable(patch));
        Assert.True(FhirServerTransport.IsRetryable(conditionalPost));
        Assert.True(FhirServerTransport.IsRetryable(put));
    }
}
