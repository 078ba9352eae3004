using System.Text;
using System.Text.RegularExpressions;
using ImeBridge.Core.Outbound;

namespace ImeBridge.Adapters.SendGrid.EventWebhook;

/// <summary>
/// SendGrid's delivery events in the ledger's words (event names from SendGrid's Event Webhook reference,
/// https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event). Engagement events (open, click) and
/// <c>deferred</c> (SendGrid keeps trying for up to 72 hours) change nothing.
/// </summary>
public static partial class SendGridEventStatuses
{
    private static readonly Dictionary<string, string> Statuses = new(StringComparer.Ordinal)
    {
        ["processed"] = OutboundStatuses.Sent,
        ["delivered"] = OutboundStatuses.Delivered,
        ["bounce"] = OutboundStatuses.Bounced,
        ["dropped"] = OutboundStatuses.Failed,
        ["spamreport"] = OutboundStatuses.Suppressed,
        ["unsubscribe"] = OutboundStatuses.Suppressed,
        ["group_unsubscribe"] = OutboundStatuses.Suppressed,
    };

    /// <summary>The ledger status an event means, or null when it changes nothing.</summary>
    public static string? StatusOf(SendGridEvent sendGridEvent)
    {
        ArgumentNullException.ThrowIfNull(sendGridEvent);
        return Statuses.GetValueOrDefault(sendGridEvent.Event);
    }

    /// <summary>Codes only (event, bounce type, enhanced SMTP status, fixed dropped reason): never SendGrid's reason text.</summary>
    public static string DetailOf(SendGridEvent sendGridEvent)
    {
        ArgumentNullException.ThrowIfNull(sendGridEvent);
        var detail = new StringBuilder(sendGridEvent.Event);
        if (sendGridEvent.BounceType is { } type && CodeWord().IsMatch(type))
        {
            detail.Append(':').Append(type);
        }

        if (sendGridEvent.SmtpStatus is { } status && SmtpStatusCode().IsMatch(status))
        {
            detail.Append(':').Append(status);
        }

        if (sendGridEvent.Reason is { } reason)
        {
            detail.Append(':').Append(reason);
        }

        return detail.ToString();
    }

    [GeneratedRegex("^[a-z_]{1,20}$")]
    private static partial Regex CodeWord();

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex SmtpStatusCode();
}
