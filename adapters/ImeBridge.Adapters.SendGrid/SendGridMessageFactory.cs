using ImeBridge.Adapters.SendGrid.EventWebhook;
using ImeBridge.Core.Ports;
using SendGrid.Helpers.Mail;

namespace ImeBridge.Adapters.SendGrid;

/// <summary>
/// Builds the v3 mail/send message. Every message carries our ids as custom args (they come back on each Event
/// Webhook event) and its purpose as the category. Click tracking is off: SendGrid would otherwise rewrite the secure
/// links (packet, report) through its own redirector.
/// </summary>
internal static class SendGridMessageFactory
{
    public static SendGridMessage Create(OutboundEmail email, SendGridOptions options)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(options.FromEmail, string.IsNullOrWhiteSpace(options.FromName) ? null : options.FromName),
            Subject = OneLine(email.Subject),
            PlainTextContent = email.TextBody,
            HtmlContent = string.IsNullOrEmpty(email.HtmlBody) ? null : email.HtmlBody,
        };
        message.AddTo(new EmailAddress(email.To));
        message.AddCustomArg(SendGridEvent.MessageIdArg, email.MessageId);
        if (!string.IsNullOrWhiteSpace(email.ReferralId))
        {
            message.AddCustomArg(SendGridEvent.ReferralIdArg, email.ReferralId);
        }

        if (!string.IsNullOrWhiteSpace(email.Purpose))
        {
            message.AddCategory(email.Purpose);
        }

        if (!string.IsNullOrWhiteSpace(email.InReplyTo))
        {
            message.AddHeader("In-Reply-To", OneLine(email.InReplyTo));
            message.AddHeader("References", OneLine(email.InReplyTo));
        }

        message.SetClickTracking(enable: false, enableText: false);
        if (options.SandboxMode)
        {
            message.SetSandBoxMode(true);
        }

        return message;
    }

    /// <summary>Header values never carry a line break (header injection).</summary>
    private static string OneLine(string value) => value.ReplaceLineEndings(" ");
}
