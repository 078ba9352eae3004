using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Adapters.SendGrid.Tests.Support;

/// <summary>Plays SendGrid's side of the signed Event Webhook with a P-256 key pair of the test's own.</summary>
internal sealed class TestEventSigner : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>What SendGrid shows in its settings: base64 DER SubjectPublicKeyInfo.</summary>
    public string PublicKey => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    public static string TimestampOf(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public string Sign(string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray();
        return Convert.ToBase64String(key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    public void Dispose() => key.Dispose();
}
