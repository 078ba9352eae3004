using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Adapters.Webhooks;

/// <summary>
/// Verifies a Standard Webhooks delivery over its raw body: the three headers are present, the timestamp is
/// within <see cref="Tolerance"/> of now in either direction, and at least one <c>v1</c> signature matches
/// (compared in constant time; other versions are ignored).
/// </summary>
public sealed class StandardWebhookVerifier
{
    /// <summary>How far the timestamp may be from now, either way.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly byte[] key;
    private readonly TimeProvider time;

    /// <param name="secret"><c>whsec_</c> + base64, or the bare base64.</param>
    /// <exception cref="ArgumentException">The secret is empty or not base64.</exception>
    public StandardWebhookVerifier(string secret, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        key = StandardWebhookSecret.Decode(secret);
        this.time = time;
    }

    public WebhookVerificationResult Verify(string? messageId, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(messageId))
        {
            return new(WebhookVerificationStatus.MissingId);
        }

        if (string.IsNullOrEmpty(timestamp))
        {
            return new(WebhookVerificationStatus.MissingTimestamp);
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return new(WebhookVerificationStatus.MissingSignature);
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return new(WebhookVerificationStatus.MalformedTimestamp);
        }

        var nowSeconds = time.GetUtcNow().ToUnixTimeSeconds();
        var toleranceSeconds = (long)Tolerance.TotalSeconds;
        if (seconds < nowSeconds - toleranceSeconds)
        {
            return new(WebhookVerificationStatus.TimestampTooOld);
        }

        if (seconds > nowSeconds + toleranceSeconds)
        {
            return new(WebhookVerificationStatus.TimestampTooNew);
        }

        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(StandardWebhookSigner.ComputeHash(key, messageId, timestamp, body)));
        var matched = false;
        foreach (var entry in WebhookSignatureEntry.ParseHeader(signatureHeader))
        {
            if (!string.Equals(entry.Version, "v1", StringComparison.Ordinal))
            {
                continue;
            }

            // Keep comparing after a match so the time taken does not depend on which entry matched.
            matched |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(entry.Signature));
        }

        return matched ? WebhookVerificationResult.Valid : new(WebhookVerificationStatus.NoMatchingSignature);
    }
}
