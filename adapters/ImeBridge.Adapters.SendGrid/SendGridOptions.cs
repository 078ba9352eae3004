namespace ImeBridge.Adapters.SendGrid;

/// <summary>
/// The <c>sendgrid</c> configuration section. Without <see cref="ApiKey"/> nothing is sent: email stays in the local
/// outbox. Without <see cref="EventWebhookPublicKey"/> the Event Webhook is not served (its events cannot be trusted).
/// </summary>
public sealed class SendGridOptions
{
    public const string Section = "sendgrid";

    public const string DefaultApiBaseUrl = "https://api.sendgrid.com";

    /// <summary>A secret: never logged, never quoted in a validation message.</summary>
    public string? ApiKey { get; set; }

    public string? FromEmail { get; set; }

    public string? FromName { get; set; }

    /// <summary>The base64 DER (SubjectPublicKeyInfo) P-256 key SendGrid shows for the signed Event Webhook.</summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary>Where the v3 API lives; only tests and proxies change it.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>SendGrid validates each message and answers as usual but delivers nothing (staging).</summary>
    public bool SandboxMode { get; set; }

    public bool SendsEmail => !string.IsNullOrWhiteSpace(ApiKey);
}
