using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ImeBridge.Adapters.SendGrid.EventWebhook;

/// <summary>Reads the key SendGrid shows for the signed Event Webhook: base64 DER SubjectPublicKeyInfo on NIST P-256.</summary>
public static class EventWebhookPublicKey
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static bool TryParse(string? base64Der, [NotNullWhen(true)] out ECDsa? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(base64Der))
        {
            return false;
        }

        var candidate = ECDsa.Create();
        try
        {
            candidate.ImportSubjectPublicKeyInfo(Convert.FromBase64String(base64Der.Trim()), out _);
            if (candidate.ExportParameters(includePrivateParameters: false).Curve.Oid?.Value != P256Oid)
            {
                candidate.Dispose();
                return false;
            }

            key = candidate;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            candidate.Dispose();
            return false;
        }
    }
}
