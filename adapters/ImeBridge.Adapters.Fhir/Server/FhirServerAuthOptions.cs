namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// OAuth 2.0 client credentials in the SMART Backend Services style. Exactly one of <see cref="ClientSecret"/>
/// (client_secret_basic) and <see cref="PrivateKeyFile"/> (private_key_jwt: RSA signs RS384, EC P-384 signs ES384).
/// </summary>
public sealed class FhirServerAuthOptions
{
    public Uri? TokenUrl { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Sent as HTTP Basic credentials (client_secret_basic).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A PEM file holding an unencrypted RSA (2048 bits or more) or EC P-384 private key.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The <c>kid</c> of the key in the JWK set the partner registered; required with <see cref="PrivateKeyFile"/>.</summary>
    public string? KeyId { get; set; }

    /// <summary>Space-separated scopes, for example <c>system/ServiceRequest.rs system/Task.cu</c>.</summary>
    public string? Scope { get; set; }
}
