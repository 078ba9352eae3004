using System.Text.Json;
using ImeBridge.Adapters.SendGrid.Tests.Support;
using ImeBridge.Core.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;

namespace ImeBridge.Adapters.SendGrid.Tests;

/// <summary>The sender against WireMock playing SendGrid: what is sent, and what each failure means for a retry.</summary>
public sealed class SendGridEmailSenderTests : IDisposable
{
    private const string Claimant = "maria.gonzalez@example.com";
    private const string Subject = "Your examination on 12 March";

    private static readonly OutboundEmail Letter = new(
        "email:appointment.letter:ref_42:appt_1",
        Claimant,
        Subject,
        "Please bring a photo ID.",
        HtmlBody: "<p>Please bring a photo ID.</p>",
        ReferralId: "ref_42",
        Purpose: "appointment.letter");

    private readonly SendGridMock sendGrid = SendGridMock.Start();

    public void Dispose() => sendGrid.Dispose();

    [Fact]
    public async Task An_accepted_email_returns_SendGrids_message_id_and_carries_our_ids_and_purpose()
    {
        Answer(Response.Create().WithStatusCode(202).WithHeader("X-Message-Id", "sg-abc123"));

        var result = await sendGrid.Sender.SendAsync(Letter, CancellationToken.None);

        Assert.True(result.Sent);
        Assert.Equal("sg-abc123", result.Where);
        var request = Assert.Single(sendGrid.Requests);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer " + SendGridMock.ApiKey, request.Headers!["Authorization"].Single());
        using var body = JsonDocument.Parse(request.Body!);
        var root = body.RootElement;
        var customArgs = root.GetProperty("personalizations")[0].GetProperty("custom_args");
        Assert.Equal("ref_42", customArgs.GetProperty("imebridge_referral_id").GetString());
        Assert.Equal(Letter.MessageId, customArgs.GetProperty("imebridge_message_id").GetString());
        Assert.Equal(["appointment.letter"], root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(Claimant, root.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal("notices@imebridge.example", root.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal(["text/plain", "text/html"], root.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        Assert.False(root.GetProperty("tracking_settings").GetProperty("click_tracking").GetProperty("enable").GetBoolean());
    }

    [Fact]
    public async Task A_429_is_not_sent_transient_and_gives_the_Retry_After()
    {
        Answer(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "120"));

        var failure = await Assert.ThrowsAsync<EmailSendException>(() => sendGrid.Sender.SendAsync(Letter, CancellationToken.None));

        Assert.True(failure.NotSent);
        Assert.True(failure.IsTransient);
        Assert.Equal(429, failure.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), failure.RetryAfter);
        Assert.Single(sendGrid.Requests);
        AssertNamesNoPhi(failure);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task A_refusal_is_not_sent_and_permanent(int status)
    {
        Answer(Response.Create().WithStatusCode(status).WithBody("""{"errors":[{"message":"bad","field":"personalizations.0.to"}]}"""));

        var failure = await Assert.ThrowsAsync<EmailSendException>(() => sendGrid.Sender.SendAsync(Letter, CancellationToken.None));

        Assert.True(failure.NotSent, failure.ToString());
        Assert.False(failure.IsTransient);
        Assert.Equal(status, failure.StatusCode);
        Assert.Single(sendGrid.Requests);
        AssertNamesNoPhi(failure);
    }

    [Fact]
    public async Task A_500_leaves_the_outcome_unknown_and_is_never_sent_again_within_the_call()
    {
        Answer(Response.Create().WithStatusCode(500));

        var failure = await Assert.ThrowsAsync<EmailSendException>(() => sendGrid.Sender.SendAsync(Letter, CancellationToken.None));

        Assert.False(failure.NotSent);
        Assert.True(failure.IsTransient);
        Assert.Equal(500, failure.StatusCode);
        Assert.Single(sendGrid.Requests);
        AssertNamesNoPhi(failure);
    }

    [Fact]
    public async Task An_answer_slower_than_the_attempt_timeout_leaves_the_outcome_unknown_without_a_second_request()
    {
        using var slow = SendGridMock.Start(SendGridMock.ShortAttemptTimeout);
        slow.Server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("X-Message-Id", "late").WithDelay(SendGridMock.ShortAttemptTimeout * 3));

        var failure = await Assert.ThrowsAsync<EmailSendException>(() => slow.Sender.SendAsync(Letter, CancellationToken.None));

        Assert.False(failure.NotSent);
        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);

        // WireMock logs a request once its (delayed) answer is written. A retry would have left right after the timeout,
        // so its answer would be logged one timeout after the first's: wait for the first, then that long again.
        for (var waited = 0; slow.Requests.Count == 0 && waited < 200; waited++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(SendGridMock.ShortAttemptTimeout * 2);
        Assert.Single(slow.Requests);
    }

    /// <summary>
    /// WireMock.Net's <c>WithFault</c> answers a well-formed response with an empty or garbled body (its status intact), so
    /// it cannot drop a connection: a raw socket that reads the request and resets the connection plays that part.
    /// </summary>
    [Fact]
    public async Task A_connection_dropped_after_the_request_left_leaves_the_outcome_unknown_without_a_second_request()
    {
        using var dropping = await DroppingEndpoint.StartAsync();
        using var sender = SendGridMock.StartAt(dropping.Url);

        var failure = await Assert.ThrowsAsync<EmailSendException>(() => sender.Sender.SendAsync(Letter, CancellationToken.None));

        Assert.False(failure.NotSent, failure.ToString());
        Assert.True(failure.IsTransient);
        Assert.Equal(1, dropping.Requests);
        AssertNamesNoPhi(failure);
    }

    [Fact]
    public async Task A_garbled_answer_body_does_not_hide_SendGrids_refusal()
    {
        Answer(Response.Create().WithStatusCode(400).WithBody("""{"errors":[{"message":"bad"}]}""").WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));

        var failure = await Assert.ThrowsAsync<EmailSendException>(() => sendGrid.Sender.SendAsync(Letter, CancellationToken.None));

        Assert.True(failure.NotSent);
        Assert.Equal(400, failure.StatusCode);
    }

    [Fact]
    public async Task A_refused_connection_is_not_sent_and_transient()
    {
        using var unreachable = SendGridMock.StartRefusingConnections();

        var failure = await Assert.ThrowsAsync<EmailSendException>(() => unreachable.Sender.SendAsync(Letter, CancellationToken.None));

        Assert.True(failure.NotSent);
        Assert.True(failure.IsTransient);
        AssertNamesNoPhi(failure);
    }

    private void Answer(IResponseBuilder response) =>
        sendGrid.Server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(response);

    private static void AssertNamesNoPhi(EmailSendException failure)
    {
        Assert.DoesNotContain(Claimant, failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Subject, failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("photo ID", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(SendGridMock.ApiKey, failure.ToString(), StringComparison.Ordinal);
    }
}
