using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Adapters.Webhooks;

/// <summary>
/// Signs webhooks per the Standard Webhooks spec: <c>v1,</c> + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")),
/// where the key is the base64-decoded secret after <c>whsec_</c>.
/// </summary>
public sealed class StandardWebhookSigner
{
    private readonly byte[] key;

    /// <param name="secret"><c>whsec_</c> + base64, or the bare base64.</param>
    /// <exception cref="ArgumentException">The secret is empty or not base64.</exception>
    public StandardWebhookSigner(string secret)
    {
        key = StandardWebhookSecret.Decode(secret);
    }

    /// <summary>The <c>v1,&lt;base64&gt;</c> signature of one message.</summary>
    public string Sign(string messageId, long unixTimestampSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return "v1," + Convert.ToBase64String(ComputeHash(key, messageId, unixTimestampSeconds.ToString(CultureInfo.InvariantCulture), body));
    }

    /// <summary>The <c>v1,&lt;base64&gt;</c> signature of one message sent at <paramref name="timestamp"/>.</summary>
    public string Sign(string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body) =>
        Sign(messageId, timestamp.ToUnixTimeSeconds(), body);

    /// <summary>The three headers to send with <paramref name="body"/>.</summary>
    public StandardWebhookHeaders CreateHeaders(string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        return new StandardWebhookHeaders(messageId, seconds.ToString(CultureInfo.InvariantCulture), Sign(messageId, seconds, body));
    }

    /// <summary>HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>.</summary>
    internal static byte[] ComputeHash(byte[] key, string messageId, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(messageId + "." + timestamp + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
