using System.Net;
using ImeBridge.Adapters.Fhir.WriteBack;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Hosting.Tests.Support;

namespace ImeBridge.Hosting.Tests.FhirServer;

/// <summary>
/// A Task write-back the partner's server does not take at once. With <c>maxAttempts: 1</c> the HTTP client does not
/// retry, so what is seen is the queue's schedule (core/ImeBridge.Core/Messaging/OutboundRetrySchedule.cs: first retry
/// after 5 s, a longer Retry-After wins) on the real clock, or a dead letter for an answer not worth retrying.
/// </summary>
public sealed class TaskWriteBackRetryTests
{
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_task_answered_503_is_written_on_the_second_delivery_not_before_the_first_retry_delay()
    {
        await using var fhir = await StartAsync((503, null));

        var referralId = await PostReferralAsync(fhir);
        var puts = await fhir.Server.WaitForAsync("PUT", "/fhir/Task", count: 2, timeout: TimeSpan.FromSeconds(20));

        var written = await fhir.TaskUpdates.WaitForAsync(m => m.SessionId == referralId);
        Assert.Equal(2, written.DeliveryCount);
        Assert.Equal(PartnerFhirServer.Query(puts[0], "identifier"), PartnerFhirServer.Query(puts[1], "identifier"));
        Assert.Equal("requested", (string?)PartnerFhirServer.BodyOf(puts[1])["status"]);
        Assert.True(puts[1].DateTime - puts[0].DateTime >= TimeSpan.FromSeconds(5) - ClockSlack, "retried before the 5 s of the schedule");
        Assert.Empty(await DeadLettersAsync(fhir));
    }

    [Fact]
    public async Task A_task_answered_400_is_dead_lettered_as_refused_and_not_sent_again()
    {
        await using var fhir = await StartAsync((400, null));

        var referralId = await PostReferralAsync(fhir);
        await fhir.Server.WaitForAsync("PUT", "/fhir/Task");

        var deadLetter = await WaitForDeadLetterAsync(fhir);
        Assert.Equal(FhirTaskUpdate.MessageType, deadLetter.Type);
        Assert.Equal(referralId, deadLetter.SessionId);
        Assert.Equal("DeliveryRefused", deadLetter.Reason);
        Assert.Equal(1, deadLetter.DeliveryCount);
        await fhir.DrainSessionAsync(referralId);
        // The refused Received Task is not sent again; the triage's later state is a write of its own.
        var statuses = fhir.Server.RequestsTo("PUT", "/fhir/Task").Select(put => (string?)PartnerFhirServer.BodyOf(put)["status"]).ToList();
        Assert.Equal(1, statuses.Count(s => s == "requested"));
        Assert.DoesNotContain(await DeadLettersAsync(fhir), d => d.DeliveryCount > 1);
    }

    [Fact]
    public async Task A_task_answered_401_is_sent_again_at_once_with_a_fresh_token()
    {
        await using var fhir = await StartAsync((401, null));

        var referralId = await PostReferralAsync(fhir);
        var puts = await fhir.Server.WaitForAsync("PUT", "/fhir/Task", count: 2);

        var written = await fhir.TaskUpdates.WaitForAsync(m => m.SessionId == referralId);
        Assert.Equal(1, written.DeliveryCount);
        Assert.Equal(2, fhir.Server.RequestsTo("POST", "/token").Count);
        Assert.Equal("Bearer " + PartnerFhirServer.AccessToken, PartnerFhirServer.Header(puts[1], "Authorization"));
        Assert.Equal(PartnerFhirServer.BodyOf(puts[0]).ToJsonString(), PartnerFhirServer.BodyOf(puts[1]).ToJsonString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_task_answered_429_is_not_sent_again_before_its_retry_after(int maxAttempts)
    {
        await using var fhir = await StartAsync((429, "7"), maxAttempts);

        await PostReferralAsync(fhir);
        var puts = await fhir.Server.WaitForAsync("PUT", "/fhir/Task", count: 2, timeout: TimeSpan.FromSeconds(20));

        Assert.True(puts[1].DateTime - puts[0].DateTime >= TimeSpan.FromSeconds(7) - ClockSlack, $"retried after {puts[1].DateTime - puts[0].DateTime}, before Retry-After: 7");
        Assert.Equal("requested", (string?)PartnerFhirServer.BodyOf(puts[1])["status"]);
        Assert.Empty(await DeadLettersAsync(fhir));
    }

    private static async Task<FhirServerApp> StartAsync((int Status, string? RetryAfter) firstAnswer, int maxAttempts = 1)
    {
        var fhir = await FhirServerApp.StartAsync(acme: a => a.MaxAttempts = maxAttempts);
        TaskWriteBackTests.Serve(fhir.Server);
        fhir.Server.AnswerTaskPuts(firstAnswer);
        return fhir;
    }

    private static async Task<string> PostReferralAsync(FhirServerApp fhir)
    {
        var response = await fhir.PostServiceRequestAsync(FhirFixtures.ServiceRequest("sr1"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return FhirServerApp.ReferralIdOf(response);
    }

    private static Task<IReadOnlyList<DeadLetteredMessage>> DeadLettersAsync(FhirServerApp fhir) =>
        fhir.Service<IMessageQueue>().PeekDeadLettersAsync(10, CancellationToken.None);

    private static Task<DeadLetteredMessage> WaitForDeadLetterAsync(FhirServerApp fhir) =>
        Eventually.GetAsync(
            async () => await DeadLettersAsync(fhir) is [var first, ..] ? first : null,
            TimeSpan.FromSeconds(15),
            () => "nothing was dead-lettered");
}
