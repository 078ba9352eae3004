using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Adapters.SendGrid.EventWebhook;

/// <summary>
/// Verifies a SendGrid Event Webhook post before anything of it is parsed: an ECDSA P-256 / SHA-256 signature
/// (<see cref="SignatureHeader"/>, base64 DER) over the UTF-8 timestamp header followed by the raw body bytes, and a
/// timestamp within <see cref="Tolerance"/> of the clock (SendGrid signs the time it posts; without the window a
/// captured post could be replayed forever).
/// </summary>
public sealed class EventWebhookVerifier : IDisposable
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>Ten minutes either way: SendGrid's clock, queueing and retries are not exact.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(10);

    private readonly ECDsa key;
    private readonly TimeProvider time;

    public EventWebhookVerifier(ECDsa key, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        this.key = key;
        this.time = time;
    }

    public EventWebhookCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(timestamp) || string.IsNullOrWhiteSpace(signature))
        {
            return EventWebhookCheck.MissingHeaders;
        }

        if (!SignatureMatches(key, timestamp, signature, body))
        {
            return EventWebhookCheck.BadSignature;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return EventWebhookCheck.StaleTimestamp;
        }

        return EventWebhookCheck.Valid;
    }

    /// <summary>The signature alone, with no clock: what SendGrid's published test vectors exercise.</summary>
    public static bool SignatureMatches(ECDsa key, string timestamp, string signatureBase64, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(signatureBase64);
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signatureBase64.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var prefixLength = Encoding.UTF8.GetByteCount(timestamp);
        var signed = new byte[prefixLength + body.Length];
        Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(prefixLength));
        try
        {
            return key.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => key.Dispose();
}

/// <summary>What <see cref="EventWebhookVerifier.Verify"/> found; only <see cref="Valid"/> lets the body be read.</summary>
public enum EventWebhookCheck
{
    Valid,
    MissingHeaders,
    BadSignature,
    StaleTimestamp,
}
