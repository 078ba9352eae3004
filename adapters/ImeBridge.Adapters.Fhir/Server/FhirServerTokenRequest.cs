using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// The client credentials request: <c>grant_type=client_credentials</c> and the scope, authenticated with HTTP Basic
/// (client_secret_basic) or a signed client assertion (private_key_jwt).
/// </summary>
internal static class FhirServerTokenRequest
{
    public static HttpRequestMessage Create(FhirServerAuthOptions auth, DateTimeOffset now, FhirServerCall call)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrWhiteSpace(auth.Scope))
        {
            form.Add(new("scope", auth.Scope));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, auth.TokenUrl);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(auth.ClientSecret))
        {
            // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
            var credentials = $"{WebUtility.UrlEncode(auth.ClientId)}:{WebUtility.UrlEncode(auth.ClientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        else
        {
            using var key = LoadKey(auth, call);
            form.Add(new("client_assertion_type", FhirServerClientAssertion.Type));
            form.Add(new("client_assertion", FhirServerClientAssertion.Create(auth, key, now)));
        }

        request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    // Read on every token request, so a rotated key file is picked up without a restart (tokens are requested rarely).
    private static FhirServerSigningKey LoadKey(FhirServerAuthOptions auth, FhirServerCall call)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(auth.PrivateKeyFile!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw FhirServerFailures.Refused(call, "the auth.privateKeyFile could not be read");
        }

        return FhirServerSigningKey.FromPem(pem, out var problem)
            ?? throw FhirServerFailures.Refused(call, $"the auth.privateKeyFile {problem}");
    }
}
