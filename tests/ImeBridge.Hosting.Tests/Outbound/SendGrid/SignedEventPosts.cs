using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Hosting.Tests.Outbound.SendGrid;

/// <summary>Plays SendGrid posting its signed Event Webhook, with a P-256 key pair of the test's own.</summary>
internal sealed class SignedEventPosts : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>What SendGrid shows in its settings (base64 DER SubjectPublicKeyInfo): the app's <c>sendgrid:eventWebhookPublicKey</c>.</summary>
    public string PublicKey => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    /// <summary>A post of <paramref name="json"/> (+ CRLF, as SendGrid sends it) signed now.</summary>
    public HttpRequestMessage Post(string json, DateTimeOffset? at = null, string? signatureOverride = null)
    {
        var body = Encoding.UTF8.GetBytes(json + "\r\n");
        var timestamp = (at ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray();
        var signature = signatureOverride ?? Convert.ToBase64String(key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature);
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return request;
    }

    public void Dispose() => key.Dispose();
}
