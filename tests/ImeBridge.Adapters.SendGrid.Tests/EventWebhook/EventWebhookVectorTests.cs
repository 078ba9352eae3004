using System.Globalization;
using ImeBridge.Adapters.SendGrid.EventWebhook;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Adapters.SendGrid.Tests.EventWebhook;

/// <summary>Every vector of shared/corpus/signatures/sendgrid-event-webhook-vectors.json (SendGrid's own C#, Node and Python tests).</summary>
public sealed class EventWebhookVectorTests
{
    public static TheoryData<string> VectorNames() => EventWebhookVectors.Names();

    [Fact]
    public void The_header_names_are_the_ones_the_corpus_names()
    {
        Assert.Equal(EventWebhookVerifier.SignatureHeader, EventWebhookVectors.Header("signature"));
        Assert.Equal(EventWebhookVerifier.TimestampHeader, EventWebhookVectors.Header("timestamp"));
        Assert.Equal(7, VectorNames().Count);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void The_signature_alone_matches_exactly_when_the_vector_says_so(string name)
    {
        var vector = EventWebhookVectors.Named(name);
        Assert.True(EventWebhookPublicKey.TryParse(vector.PublicKey, out var key));
        using (key)
        {
            Assert.Equal(vector.ExpectValid, EventWebhookVerifier.SignatureMatches(key, vector.Timestamp, vector.Signature, vector.Payload));
        }
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void The_verifier_at_the_vectors_time_accepts_exactly_the_valid_vectors(string name)
    {
        var vector = EventWebhookVectors.Named(name);
        using var verifier = VerifierAtTimeOf(vector);

        var check = verifier.Verify(vector.Timestamp, vector.Signature, vector.Payload);

        Assert.Equal(vector.ExpectValid ? EventWebhookCheck.Valid : EventWebhookCheck.BadSignature, check);
    }

    [Theory]
    [InlineData("single_event_valid")]
    [InlineData("multi_event_valid")]
    public void A_valid_vector_fails_when_one_byte_of_the_body_or_the_timestamp_changes(string name)
    {
        var vector = EventWebhookVectors.Named(name);
        using var verifier = VerifierAtTimeOf(vector);
        var flipped = (byte[])vector.Payload.Clone();
        flipped[flipped.Length / 2] ^= 0x01;
        var withoutCrlf = vector.Payload[..^2];
        var laterTimestamp = (long.Parse(vector.Timestamp, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);

        Assert.Equal(EventWebhookCheck.BadSignature, verifier.Verify(vector.Timestamp, vector.Signature, flipped));
        Assert.Equal(EventWebhookCheck.BadSignature, verifier.Verify(vector.Timestamp, vector.Signature, withoutCrlf));
        Assert.Equal(EventWebhookCheck.BadSignature, verifier.Verify(laterTimestamp, vector.Signature, vector.Payload));
    }

    [Theory]
    [InlineData("single_event_valid")]
    [InlineData("multi_event_valid")]
    public void A_valid_vector_is_stale_on_todays_clock(string name)
    {
        var vector = EventWebhookVectors.Named(name);
        Assert.True(EventWebhookPublicKey.TryParse(vector.PublicKey, out var key));
        using var verifier = new EventWebhookVerifier(key, TimeProvider.System);

        Assert.Equal(EventWebhookCheck.StaleTimestamp, verifier.Verify(vector.Timestamp, vector.Signature, vector.Payload));
    }

    private static EventWebhookVerifier VerifierAtTimeOf(EventWebhookVectors.Vector vector)
    {
        Assert.True(EventWebhookPublicKey.TryParse(vector.PublicKey, out var key));

        // The wrong_timestamp vector's timestamp is the word "timestamp": its clock is the other vectors'.
        var seconds = long.TryParse(vector.Timestamp, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1600112502;
        return new EventWebhookVerifier(key, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(seconds)));
    }
}
