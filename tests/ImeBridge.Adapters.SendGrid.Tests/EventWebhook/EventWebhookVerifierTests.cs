using System.Security.Cryptography;
using System.Text;
using ImeBridge.Adapters.SendGrid.EventWebhook;
using ImeBridge.Adapters.SendGrid.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.SendGrid.Tests.EventWebhook;

/// <summary>The verifier with a key of the test's own: the ten-minute window, missing and malformed headers, foreign keys.</summary>
public sealed class EventWebhookVerifierTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("[{\"event\":\"delivered\",\"imebridge_message_id\":\"m1\"}]\r\n");

    private readonly TestEventSigner signer = new();
    private readonly FakeTimeProvider clock = new(Now);

    public void Dispose() => signer.Dispose();

    [Theory]
    [InlineData(0, EventWebhookCheck.Valid)]
    [InlineData(-9 * 60, EventWebhookCheck.Valid)]
    [InlineData(9 * 60, EventWebhookCheck.Valid)]
    [InlineData(-11 * 60, EventWebhookCheck.StaleTimestamp)]
    [InlineData(11 * 60, EventWebhookCheck.StaleTimestamp)]
    public void A_signed_post_is_accepted_only_within_ten_minutes_of_the_clock(int secondsFromNow, EventWebhookCheck expected)
    {
        var timestamp = TestEventSigner.TimestampOf(Now.AddSeconds(secondsFromNow));
        using var verifier = Verifier();

        Assert.Equal(expected, verifier.Verify(timestamp, signer.Sign(timestamp, Body), Body));
    }

    [Theory]
    [InlineData(null, "sig")]
    [InlineData("1700000000", null)]
    [InlineData("", "")]
    public void Missing_headers_are_refused(string? timestamp, string? signature)
    {
        using var verifier = Verifier();
        Assert.Equal(EventWebhookCheck.MissingHeaders, verifier.Verify(timestamp, signature, Body));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void A_malformed_signature_is_refused_without_an_exception(string signature)
    {
        using var verifier = Verifier();
        Assert.Equal(EventWebhookCheck.BadSignature, verifier.Verify(TestEventSigner.TimestampOf(Now), signature, Body));
    }

    [Fact]
    public void A_post_signed_by_another_key_is_refused()
    {
        using var other = new TestEventSigner();
        var timestamp = TestEventSigner.TimestampOf(Now);
        using var verifier = Verifier();

        Assert.Equal(EventWebhookCheck.BadSignature, verifier.Verify(timestamp, other.Sign(timestamp, Body), Body));
    }

    [Fact]
    public void Only_a_P256_public_key_is_taken()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);

        Assert.True(EventWebhookPublicKey.TryParse(signer.PublicKey, out var ok));
        ok.Dispose();
        Assert.False(EventWebhookPublicKey.TryParse(Convert.ToBase64String(p384.ExportSubjectPublicKeyInfo()), out _));
        Assert.False(EventWebhookPublicKey.TryParse(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()), out _));
        Assert.False(EventWebhookPublicKey.TryParse("not a key", out _));
        Assert.False(EventWebhookPublicKey.TryParse("", out _));
    }

    private EventWebhookVerifier Verifier()
    {
        Assert.True(EventWebhookPublicKey.TryParse(signer.PublicKey, out var key));
        return new EventWebhookVerifier(key, clock);
    }
}
