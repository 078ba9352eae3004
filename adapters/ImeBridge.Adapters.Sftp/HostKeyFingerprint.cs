using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Adapters.Sftp;

/// <summary>SHA-256 host key fingerprints as OpenSSH prints them: <c>SHA256:</c> + unpadded base64 of 32 bytes.</summary>
public static class HostKeyFingerprint
{
    public const string Prefix = "SHA256:";

    private const int Sha256Bytes = 32;

    /// <summary>The fingerprint without prefix and padding, or null when it is not one.</summary>
    public static string? Normalize(string? fingerprint)
    {
        if (string.IsNullOrWhiteSpace(fingerprint))
        {
            return null;
        }

        var value = fingerprint.Trim();
        if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            value = value[Prefix.Length..];
        }

        value = value.TrimEnd('=');
        var padded = value + new string('=', (4 - (value.Length % 4)) % 4);
        Span<byte> bytes = stackalloc byte[Sha256Bytes + 3];
        return Convert.TryFromBase64String(padded, bytes, out var written) && written == Sha256Bytes ? value : null;
    }

    /// <summary>Compares in constant time so that timing says nothing about the pinned value.</summary>
    public static bool Matches(string pinned, string observed)
    {
        var expected = Encoding.ASCII.GetBytes(Normalize(pinned) ?? "");
        var actual = Encoding.ASCII.GetBytes(Normalize(observed) ?? "-");
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>The form <c>ssh-keygen -lf</c> prints, for messages.</summary>
    public static string Display(string fingerprint) => Prefix + (Normalize(fingerprint) ?? fingerprint);
}
