using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.LocalFiles;

/// <summary>
/// The email port without a provider: each message becomes one RFC 5322-style text file in the outbox folder,
/// headed by <c>X-ImeBridge-Outbox: NOT SENT</c> so nobody mistakes it for delivered mail. The file name comes from
/// the message id, so a retry of the same message keeps one file.
/// </summary>
public sealed class LocalOutboxEmailSender : IEmailSender
{
    public const string NotSentHeader = "X-ImeBridge-Outbox: NOT SENT (no email provider is configured; this message was only written here)";

    private readonly TimeProvider time;

    public LocalOutboxEmailSender(string outboxFolder, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outboxFolder);
        ArgumentNullException.ThrowIfNull(time);
        OutboxFolder = Path.GetFullPath(outboxFolder);
        this.time = time;
    }

    public string OutboxFolder { get; }

    public async Task<EmailSendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrEmpty(email.MessageId);
        var path = OutboxFiles.PathOf(OutboxFolder, "email-", email.MessageId, ".eml");
        await OutboxFiles.WriteOnceAsync(path, () => Render(email), cancellationToken);
        return new EmailSendResult(Sent: false, path);
    }

    private string Render(OutboundEmail email)
    {
        var text = new StringBuilder();
        text.Append(NotSentHeader).Append("\r\n");
        text.Append("X-ImeBridge-Message-Id: ").Append(OneLine(email.MessageId)).Append("\r\n");
        text.Append("Date: ").Append(time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        text.Append("To: ").Append(OneLine(email.To)).Append("\r\n");
        text.Append("Subject: ").Append(OneLine(email.Subject)).Append("\r\n");
        if (email.InReplyTo is { Length: > 0 } inReplyTo)
        {
            text.Append("In-Reply-To: ").Append(OneLine(inReplyTo)).Append("\r\n");
        }

        if (email.HtmlBody is not { Length: > 0 } html)
        {
            text.Append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
            text.Append(email.TextBody.ReplaceLineEndings("\r\n"));
            return text.ToString();
        }

        // The boundary comes from the message id, so a file is the same whenever the same message is written.
        var boundary = "imebridge-alt-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.MessageId)))[..24];
        text.Append("MIME-Version: 1.0\r\n");
        text.Append("Content-Type: multipart/alternative; boundary=\"").Append(boundary).Append("\"\r\n\r\n");
        AppendPart(text, boundary, "text/plain", email.TextBody);
        AppendPart(text, boundary, "text/html", html);
        text.Append("--").Append(boundary).Append("--\r\n");
        return text.ToString();
    }

    private static void AppendPart(StringBuilder text, string boundary, string mediaType, string body)
    {
        text.Append("--").Append(boundary).Append("\r\n");
        text.Append("Content-Type: ").Append(mediaType).Append("; charset=utf-8\r\n\r\n");
        text.Append(body.ReplaceLineEndings("\r\n")).Append("\r\n");
    }

    /// <summary>Header values never carry a line break (header injection).</summary>
    private static string OneLine(string value) => value.ReplaceLineEndings(" ");
}
