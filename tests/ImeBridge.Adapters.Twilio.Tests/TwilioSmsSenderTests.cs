using System.Net;
using System.Net.Sockets;
using ImeBridge.Adapters.Twilio.Tests.Support;
using ImeBridge.Core.Outbound;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ImeBridge.Adapters.Twilio.Tests;

public sealed class TwilioSmsSenderTests : IDisposable
{
    private const string Claimant = "+15185550123";
    private const string Text = "Your exam is on Tue 3 Mar at 10:00, 12 Main St, Albany. Reply C to confirm.";

    private readonly TwilioStandIn twilio = new();

    private static OutboundSms Sms => new("sms:notice:ref-1:a1", Claimant, Text);

    [Fact]
    public async Task Created_message_returns_Twilio_SID_and_status_and_posts_the_form_Twilio_expects()
    {
        twilio.Server.Given(Request.Create().WithPath(TwilioStandIn.MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody("""{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued","to":"+15185550123"}"""));

        var result = await twilio.Sender.SendAsync(Sms, CancellationToken.None);

        Assert.True(result.Sent);
        Assert.Equal("SM0123456789abcdef0123456789abcdef", result.ProviderId);
        Assert.Equal("queued", result.Status);
        var form = System.Web.HttpUtility.ParseQueryString(twilio.Server.LogEntries.Single().RequestMessage!.Body!);
        Assert.Equal(Claimant, form["To"]);
        Assert.Equal("+15005550006", form["From"]);
        Assert.Equal(Text, form["Body"]);
        Assert.Equal("https://imebridge.example.com/api/twilio/status", form["StatusCallback"]);
    }

    [Theory]
    [InlineData(21610)]
    [InlineData(21211)]
    public async Task Refusal_with_a_Twilio_error_code_is_not_sent_and_not_transient(int code)
    {
        twilio.Server.Given(Request.Create().WithPath(TwilioStandIn.MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"code":{{code}},"message":"The 'To' number {{Claimant}} is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":400}"""));

        var failure = await Assert.ThrowsAsync<SmsSendException>(() => twilio.Sender.SendAsync(Sms, CancellationToken.None));

        Assert.True(failure.NotSent);
        Assert.False(failure.IsTransient);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.ErrorCode);
        AssertNoPhi(failure);
        Assert.Equal(1, twilio.Posts);
    }

    [Fact]
    public async Task Rate_limit_with_a_long_Retry_After_is_transient_not_sent_and_carries_the_wait()
    {
        twilio.Server.Given(Request.Create().WithPath(TwilioStandIn.MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "120").WithHeader("Content-Type", "application/json")
                .WithBody("""{"code":20429,"message":"Too Many Requests","status":429}"""));

        var failure = await Assert.ThrowsAsync<SmsSendException>(() => twilio.Sender.SendAsync(Sms, CancellationToken.None));

        Assert.True(failure.NotSent);
        Assert.True(failure.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(120), failure.RetryAfter);
        AssertNoPhi(failure);
    }

    [Fact]
    public async Task Server_error_is_an_unknown_outcome_and_is_never_posted_twice()
    {
        twilio.Server.Given(Request.Create().WithPath(TwilioStandIn.MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("oops"));

        var failure = await Assert.ThrowsAsync<SmsSendException>(() => twilio.Sender.SendAsync(Sms, CancellationToken.None));

        Assert.False(failure.NotSent);
        Assert.False(failure.IsTransient);
        Assert.True(failure.Message.Contains("500", StringComparison.Ordinal), failure.ToString());
        Assert.Equal(1, twilio.Posts);
    }

    [Fact]
    public async Task No_answer_within_the_attempt_timeout_is_an_unknown_outcome_and_is_never_posted_twice()
    {
        using var silent = new SilentEndpoint();
        using var slow = new TwilioStandIn(silent.Url, attemptTimeout: TimeSpan.FromSeconds(1));

        var failure = await Assert.ThrowsAsync<SmsSendException>(() => slow.Sender.SendAsync(Sms, CancellationToken.None));

        Assert.False(failure.NotSent);
        Assert.Equal(1, silent.Connections);
        AssertNoPhi(failure);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task Broken_answer_after_the_request_left_is_an_unknown_outcome(FaultType fault)
    {
        twilio.Server.Given(Request.Create().WithPath(TwilioStandIn.MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithFault(fault));

        var failure = await Assert.ThrowsAsync<SmsSendException>(() => twilio.Sender.SendAsync(Sms, CancellationToken.None));

        Assert.False(failure.NotSent);
        Assert.Equal(1, twilio.Posts);
    }

    [Fact]
    public async Task Connection_refused_is_transient_and_certainly_not_sent()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var unreachable = new TwilioStandIn(new Uri($"http://127.0.0.1:{port}"));

        var failure = await Assert.ThrowsAsync<SmsSendException>(() => unreachable.Sender.SendAsync(Sms, CancellationToken.None));

        Assert.True(failure.NotSent);
        Assert.True(failure.IsTransient);
    }

    public void Dispose() => twilio.Dispose();

    private static void AssertNoPhi(SmsSendException failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(Claimant, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("5185550123", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Main St", e.Message, StringComparison.Ordinal);
        }
    }
}
