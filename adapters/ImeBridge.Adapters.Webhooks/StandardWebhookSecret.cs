namespace ImeBridge.Adapters.Webhooks;

/// <summary>Decodes a Standard Webhooks secret: <c>whsec_</c> (optional) followed by base64, padding optional.</summary>
public static class StandardWebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>The key bytes of <paramref name="secret"/>.</summary>
    /// <exception cref="ArgumentException">The secret is empty or not base64. The message never quotes the secret.</exception>
    public static byte[] Decode(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!TryDecode(secret, out var key))
        {
            throw new ArgumentException("The webhook secret must be base64 (optionally prefixed with 'whsec_') and not empty.", nameof(secret));
        }

        return key;
    }

    /// <summary>False when the secret is empty or not base64.</summary>
    public static bool TryDecode(string? secret, out byte[] key)
    {
        key = [];
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        var encoded = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        if (encoded.Length == 0)
        {
            return false;
        }

        var missingPadding = (4 - (encoded.Length % 4)) % 4;
        if (missingPadding == 3)
        {
            return false;
        }

        var padded = encoded + new string('=', missingPadding);
        var buffer = new byte[padded.Length * 3 / 4];
        if (!Convert.TryFromBase64String(padded, buffer, out var written) || written == 0)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }
}
