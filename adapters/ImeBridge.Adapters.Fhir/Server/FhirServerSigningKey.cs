using System.Security.Cryptography;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>A private key from a PEM file that signs client assertions: RSA (2048 bits or more) → RS384, EC P-384 → ES384.</summary>
internal sealed class FhirServerSigningKey : IDisposable
{
    private readonly RSA? rsa;
    private readonly ECDsa? ecdsa;

    private FhirServerSigningKey(RSA? rsa, ECDsa? ecdsa)
    {
        this.rsa = rsa;
        this.ecdsa = ecdsa;
    }

    /// <summary>The JWS <c>alg</c>.</summary>
    public string Algorithm => rsa is not null ? "RS384" : "ES384";

    /// <summary>The key, or null with a reason that never quotes the file.</summary>
    public static FhirServerSigningKey? FromPem(string pem, out string? problem)
    {
        problem = null;
        if (pem.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            problem = "holds an encrypted key; an unencrypted PEM private key is needed";
            return null;
        }

        if (ImportRsa(pem) is { } rsaKey)
        {
            if (rsaKey.KeySize >= 2048)
            {
                return new FhirServerSigningKey(rsaKey, null);
            }

            rsaKey.Dispose();
            problem = "holds an RSA key shorter than 2048 bits";
            return null;
        }

        if (ImportEcdsa(pem) is { } ecKey)
        {
            if (IsP384(ecKey))
            {
                return new FhirServerSigningKey(null, ecKey);
            }

            ecKey.Dispose();
            problem = "holds an EC key on a curve other than P-384";
            return null;
        }

        problem = "holds no RSA or EC private key in PEM form";
        return null;
    }

    public byte[] Sign(byte[] data) => rsa is not null
        ? rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1)
        : ecdsa!.SignData(data, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose()
    {
        rsa?.Dispose();
        ecdsa?.Dispose();
    }

    private static RSA? ImportRsa(string pem) => Import(RSA.Create(), pem);

    private static ECDsa? ImportEcdsa(string pem) => Import(ECDsa.Create(), pem);

    private static TKey? Import<TKey>(TKey key, string pem)
        where TKey : AsymmetricAlgorithm
    {
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    private static bool IsP384(ECDsa key)
    {
        var oid = key.ExportParameters(includePrivateParameters: false).Curve.Oid;
        return oid.Value == "1.3.132.0.34" || oid.FriendlyName is "nistP384" or "secp384r1" or "ECDSA_P384";
    }
}
