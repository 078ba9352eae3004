using System.Text;
using System.Text.Json;
using ImeBridge.Adapters.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace ImeBridge.Hosting.Tests.Webhooks;

/// <summary>Every vector of shared/corpus/signatures/standard-webhooks-vectors.json, each by name.</summary>
public sealed class StandardWebhookVectorTests
{
    private static readonly JsonElement KnownAnswer = StandardWebhookVectors.Named("sign_known_answer");
    private static readonly string KnownSecret = KnownAnswer.GetProperty("secret").GetString()!;
    private static readonly string KnownId = KnownAnswer.GetProperty("msg_id").GetString()!;
    private static readonly long KnownTimestamp = KnownAnswer.GetProperty("timestamp").GetInt64();
    private static readonly byte[] KnownPayload = Encoding.UTF8.GetBytes(KnownAnswer.GetProperty("payload").GetString()!);

    public static TheoryData<string> VectorNames() => StandardWebhookVectors.Names();

    [Fact]
    public void The_corpus_file_declares_the_five_minute_tolerance_the_verifier_uses()
    {
        var seconds = StandardWebhookVectors.Root.GetProperty("default_tolerance_seconds").GetInt32();
        Assert.Equal(TimeSpan.FromSeconds(seconds), StandardWebhookVerifier.Tolerance);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Vector_holds(string name)
    {
        var vector = StandardWebhookVectors.Named(name);
        switch (name)
        {
            case "sign_known_answer":
                SignKnownAnswer(vector);
                break;
            case "invalid_signature_wrong_last_bytes":
                WrongLastBytes(vector);
                break;
            case "invalid_signature_malformed_base64":
            case "invalid_signature_garbage":
            case "partial_signature_empty":
                BadSignatureHeaderIsRefused(vector.GetProperty("signature_header").GetString()!);
                break;
            case "wrong_but_wellformed_signatures_used_in_multisig_tests":
                foreach (var signature in vector.GetProperty("signatures").EnumerateArray())
                {
                    BadSignatureHeaderIsRefused(signature.GetString()!);
                }

                BadSignatureHeaderIsRefused(string.Join(' ', vector.GetProperty("signatures").EnumerateArray().Select(s => s.GetString())));
                break;
            case "multi_signature_header_with_one_valid":
                MultiSignatureWithOneValid(vector);
                break;
            case "unpadded_secrets":
                UnpaddedSecrets(vector);
                break;
            case "empty_secret_rejected":
                EmptySecretsAreRejected(vector);
                break;
            case "spec_header_format_example":
                SpecHeaderExample(vector);
                break;
            default:
                Assert.Fail($"Vector '{name}' is new in the corpus: add a case for it.");
                break;
        }
    }

    private static void SignKnownAnswer(JsonElement vector)
    {
        var expected = vector.GetProperty("expected_signature").GetString();
        var bareSecret = KnownSecret["whsec_".Length..];

        Assert.Equal(expected, new StandardWebhookSigner(KnownSecret).Sign(KnownId, KnownTimestamp, KnownPayload));
        Assert.Equal(expected, new StandardWebhookSigner(bareSecret).Sign(KnownId, KnownTimestamp, KnownPayload));
        var headers = new StandardWebhookSigner(KnownSecret).CreateHeaders(KnownId, DateTimeOffset.FromUnixTimeSeconds(KnownTimestamp), KnownPayload);
        Assert.Equal(new StandardWebhookHeaders(KnownId, KnownTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), expected!), headers);

        foreach (var secret in new[] { KnownSecret, bareSecret })
        {
            Assert.Equal(WebhookVerificationStatus.Valid, VerifyAtKnownTime(secret, KnownId, expected!, KnownPayload).Status);
        }
    }

    private static void WrongLastBytes(JsonElement vector)
    {
        var result = VerifyAtKnownTime(
            vector.GetProperty("secret").GetString()!,
            vector.GetProperty("msg_id").GetString()!,
            vector.GetProperty("signature_header").GetString()!,
            Encoding.UTF8.GetBytes(vector.GetProperty("payload").GetString()!));
        Assert.False(vector.GetProperty("expect_valid").GetBoolean());
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, result.Status);
    }

    private static void BadSignatureHeaderIsRefused(string header)
    {
        var result = VerifyAtKnownTime(KnownSecret, KnownId, header, KnownPayload);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, result.Status);
    }

    private static void MultiSignatureWithOneValid(JsonElement vector)
    {
        var header = vector.GetProperty("signature_header").GetString()!;
        var payload = Encoding.UTF8.GetBytes(vector.GetProperty("payload").GetString()!);
        var id = vector.GetProperty("msg_id").GetString()!;
        var secret = vector.GetProperty("secret").GetString()!;
        Assert.True(vector.GetProperty("expect_valid_if_tolerance_ignored").GetBoolean());

        Assert.Equal(WebhookVerificationStatus.Valid, VerifyAtKnownTime(secret, id, header, payload).Status);

        // With the real clock the 2021 timestamp is stale: the tolerance is enforced before any signature is looked at.
        var realClock = new StandardWebhookVerifier(secret, TimeProvider.System)
            .Verify(id, vector.GetProperty("timestamp").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), header, payload);
        Assert.Equal(WebhookVerificationStatus.TimestampTooOld, realClock.Status);
    }

    private static void UnpaddedSecrets(JsonElement vector)
    {
        foreach (var entry in vector.GetProperty("secrets").EnumerateArray())
        {
            var secret = entry.GetProperty("secret").GetString()!;
            var padded = secret + new string('=', entry.GetProperty("needs_padding").GetInt32());
            var signature = new StandardWebhookSigner(secret).Sign(KnownId, KnownTimestamp, KnownPayload);

            Assert.Equal(signature, new StandardWebhookSigner(padded).Sign(KnownId, KnownTimestamp, KnownPayload));
            Assert.Equal(signature, new StandardWebhookSigner("whsec_" + secret).Sign(KnownId, KnownTimestamp, KnownPayload));
            Assert.Equal(WebhookVerificationStatus.Valid, VerifyAtKnownTime(secret, KnownId, signature, KnownPayload).Status);
            Assert.Equal(WebhookVerificationStatus.Valid, VerifyAtKnownTime("whsec_" + secret, KnownId, signature, KnownPayload).Status);
        }
    }

    private static void EmptySecretsAreRejected(JsonElement vector)
    {
        Assert.Equal("constructor error", vector.GetProperty("expect").GetString());
        foreach (var secret in vector.GetProperty("secrets").EnumerateArray().Select(s => s.GetString()!))
        {
            Assert.Throws<ArgumentException>(() => new StandardWebhookSigner(secret));
            Assert.Throws<ArgumentException>(() => new StandardWebhookVerifier(secret, TimeProvider.System));
        }
    }

    private static void SpecHeaderExample(JsonElement vector)
    {
        var headers = vector.GetProperty("headers");
        var signatureHeader = headers.GetProperty("webhook-signature").GetString()!;
        var timestamp = headers.GetProperty("webhook-timestamp").GetString()!;
        var id = headers.GetProperty("webhook-id").GetString()!;
        var signedContent = vector.GetProperty("signed_content_example").GetString()!;
        var body = Encoding.UTF8.GetBytes(signedContent[(id.Length + 1 + timestamp.Length + 1)..]);

        var entries = WebhookSignatureEntry.ParseHeader(signatureHeader);
        Assert.Equal(["v1", "v1a"], entries.Select(e => e.Version));
        Assert.Equal("K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=", entries[0].Signature);

        // No key is published for the example: with any key it is parsed (v1a ignored) and simply does not match.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)));
        var result = new StandardWebhookVerifier(KnownSecret, clock).Verify(id, timestamp, signatureHeader, body);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, result.Status);

        // The same headers with a v1 signature made with a known key are accepted despite the v1a entry beside it.
        var ours = new StandardWebhookSigner(KnownSecret).Sign(id, long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), body);
        var mixed = signatureHeader + " " + ours;
        Assert.True(new StandardWebhookVerifier(KnownSecret, clock).Verify(id, timestamp, mixed, body).IsValid);
    }

    private static WebhookVerificationResult VerifyAtKnownTime(string secret, string id, string signatureHeader, byte[] payload)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(KnownTimestamp));
        return new StandardWebhookVerifier(secret, clock)
            .Verify(id, KnownTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signatureHeader, payload);
    }
}
