namespace ImeBridge.Adapters.Twilio;

/// <summary>
/// The <c>twilio</c> configuration section. Without <see cref="AccountSid"/> no SMS leaves: they go to the local
/// outbox. <see cref="PublicBaseUrl"/> is the address Twilio calls us at (behind a proxy it differs from the one the
/// request arrives on): the status callback is built from it and inbound signatures are checked against it.
/// </summary>
public sealed class TwilioOptions
{
    public const string Section = "twilio";

    public const string DefaultApiBaseUrl = "https://api.twilio.com";

    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>The sender number (E.164); or give <see cref="MessagingServiceSid"/>.</summary>
    public string? FromNumber { get; set; }

    public string? MessagingServiceSid { get; set; }

    public string? PublicBaseUrl { get; set; }

    /// <summary>Where the REST API is; tests point it at a stand-in.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    public bool SendsSms => !string.IsNullOrWhiteSpace(AccountSid);

    /// <summary>The public URL of <paramref name="path"/> (e.g. <c>/api/twilio/status</c>), or null without a public base URL.</summary>
    public Uri? PublicUrl(string path) =>
        string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : new Uri(PublicBaseUrl.TrimEnd('/') + path, UriKind.Absolute);
}
