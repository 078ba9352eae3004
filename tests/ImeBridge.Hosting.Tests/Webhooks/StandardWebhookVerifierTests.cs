using System.Globalization;
using System.Text;
using ImeBridge.Adapters.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Hosting.Tests.Webhooks;

public sealed class StandardWebhookVerifierTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 14, 5, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"hello\":\"world\"}");

    private readonly FakeTimeProvider clock = new(Now);

    [Fact]
    public void A_freshly_signed_delivery_is_valid()
    {
        var headers = new StandardWebhookSigner(Secret).CreateHeaders(Id, Now, Body);

        var result = Verify(headers.Id, headers.Timestamp, headers.Signature, Body);

        Assert.True(result.IsValid);
        Assert.Equal(WebhookVerificationStatus.Valid, result.Status);
    }

    [Theory]
    [InlineData(null, "ts", "sig", WebhookVerificationStatus.MissingId)]
    [InlineData("", "ts", "sig", WebhookVerificationStatus.MissingId)]
    [InlineData(Id, null, "sig", WebhookVerificationStatus.MissingTimestamp)]
    [InlineData(Id, "1772460300", null, WebhookVerificationStatus.MissingSignature)]
    [InlineData(Id, "1772460300", "  ", WebhookVerificationStatus.MissingSignature)]
    public void A_missing_header_is_named(string? id, string? timestamp, string? signature, WebhookVerificationStatus expected)
    {
        Assert.Equal(expected, Verify(id, timestamp, signature, Body).Status);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1772460300")]
    [InlineData("1772460300.5")]
    [InlineData(" 1772460300")]
    [InlineData("2026-03-02T14:05:00Z")]
    [InlineData("99999999999999999999999")]
    public void A_timestamp_that_is_not_unix_seconds_is_malformed(string timestamp)
    {
        Assert.Equal(WebhookVerificationStatus.MalformedTimestamp, Verify(Id, timestamp, "v1,abc", Body).Status);
    }

    [Theory]
    [InlineData(-301, WebhookVerificationStatus.TimestampTooOld)]
    [InlineData(-300, WebhookVerificationStatus.Valid)]
    [InlineData(300, WebhookVerificationStatus.Valid)]
    [InlineData(301, WebhookVerificationStatus.TimestampTooNew)]
    public void The_timestamp_may_be_five_minutes_away_either_way(int offsetSeconds, WebhookVerificationStatus expected)
    {
        var headers = new StandardWebhookSigner(Secret).CreateHeaders(Id, Now.AddSeconds(offsetSeconds), Body);

        Assert.Equal(expected, Verify(headers.Id, headers.Timestamp, headers.Signature, Body).Status);
    }

    [Fact]
    public void The_tolerance_follows_the_injected_clock()
    {
        var headers = new StandardWebhookSigner(Secret).CreateHeaders(Id, Now, Body);
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Equal(WebhookVerificationStatus.TimestampTooOld, Verify(headers.Id, headers.Timestamp, headers.Signature, Body).Status);
    }

    [Fact]
    public void A_changed_body_id_or_timestamp_does_not_match()
    {
        var headers = new StandardWebhookSigner(Secret).CreateHeaders(Id, Now, Body);
        var otherTimestamp = Now.AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, Verify(headers.Id, headers.Timestamp, headers.Signature, [.. Body, (byte)' ']).Status);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, Verify("msg_other", headers.Timestamp, headers.Signature, Body).Status);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, Verify(headers.Id, otherTimestamp, headers.Signature, Body).Status);
    }

    [Fact]
    public void A_signature_made_with_another_secret_does_not_match()
    {
        var headers = new StandardWebhookSigner("whsec_" + Convert.ToBase64String(new byte[32])).CreateHeaders(Id, Now, Body);

        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, Verify(headers.Id, headers.Timestamp, headers.Signature, Body).Status);
    }

    [Fact]
    public void Only_v1_signatures_count_and_any_valid_one_is_enough()
    {
        var headers = new StandardWebhookSigner(Secret).CreateHeaders(Id, Now, Body);
        var value = headers.Signature["v1,".Length..];

        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, Verify(Id, headers.Timestamp, "v2," + value, Body).Status);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, Verify(Id, headers.Timestamp, value, Body).Status);
        Assert.True(Verify(Id, headers.Timestamp, $"v1a,{value}  v1,bm9wZQ== {headers.Signature}", Body).IsValid);
    }

    [Fact]
    public void No_reason_quotes_the_secret()
    {
        foreach (var status in Enum.GetValues<WebhookVerificationStatus>())
        {
            var reason = new WebhookVerificationResult(status).Reason;
            Assert.DoesNotContain("MfKQ9r8", reason, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
    }

    [Theory]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_A")]
    public void A_secret_that_is_not_base64_is_refused_without_being_quoted(string secret)
    {
        var error = Assert.Throws<ArgumentException>(() => new StandardWebhookVerifier(secret, clock));
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    private WebhookVerificationResult Verify(string? id, string? timestamp, string? signature, byte[] body) =>
        new StandardWebhookVerifier(Secret, clock).Verify(id, timestamp, signature, body);
}
