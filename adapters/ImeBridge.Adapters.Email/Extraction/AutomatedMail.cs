using MimeKit;

namespace ImeBridge.Adapters.Email.Extraction;

/// <summary>Auto-replies, bounces and list mail (RFC 3834 <c>Auto-Submitted</c>, <c>Precedence</c>, MAILER-DAEMON): never answered, so two robots cannot loop.</summary>
internal static class AutomatedMail
{
    private static readonly string[] BulkPrecedence = ["bulk", "junk", "list"];
    private static readonly string[] SystemSenders = ["mailer-daemon", "postmaster"];

    public static bool Is(MimeMessage message)
    {
        var autoSubmitted = message.Headers[HeaderId.AutoSubmitted]?.Trim();
        var precedence = message.Headers[HeaderId.Precedence]?.Trim();
        var localPart = message.From.Mailboxes.FirstOrDefault()?.LocalPart ?? "";
        return (!string.IsNullOrEmpty(autoSubmitted) && !autoSubmitted.Equals("no", StringComparison.OrdinalIgnoreCase))
            || (precedence is not null && BulkPrecedence.Contains(precedence, StringComparer.OrdinalIgnoreCase))
            || message.Headers.Contains("X-Autoreply")
            || message.Headers.Contains("X-Autorespond")
            || SystemSenders.Contains(localPart, StringComparer.OrdinalIgnoreCase);
    }
}
