using System.Net.Mail;
using ImeBridge.Adapters.SendGrid.EventWebhook;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.SendGrid;

/// <summary>
/// Checks the <c>sendgrid</c> section at start-up so a wrong setting stops the host instead of the first email.
/// Failures name the key, never its value.
/// </summary>
public sealed class SendGridOptionsValidator : IValidateOptions<SendGridOptions>
{
    public ValidateOptionsResult Validate(string? name, SendGridOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SendsEmail)
        {
            if (string.IsNullOrWhiteSpace(options.FromEmail))
            {
                failures.Add("sendgrid:fromEmail is required when sendgrid:apiKey is set.");
            }
            else if (!MailAddress.TryCreate(options.FromEmail, out _))
            {
                failures.Add("sendgrid:fromEmail is not an email address.");
            }

            if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http"))
            {
                failures.Add("sendgrid:apiBaseUrl must be an absolute http(s) URL.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.EventWebhookPublicKey) && !EventWebhookPublicKey.TryParse(options.EventWebhookPublicKey, out _))
        {
            failures.Add("sendgrid:eventWebhookPublicKey is not a base64 DER (SubjectPublicKeyInfo) P-256 public key.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
