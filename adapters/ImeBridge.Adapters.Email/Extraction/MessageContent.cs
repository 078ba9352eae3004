using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.Text;
using MimeKit.Tnef;

namespace ImeBridge.Adapters.Email.Extraction;

/// <summary>
/// One message taken apart: its text bodies, its own attachments, and the messages forwarded inside it (each taken
/// apart the same way). Signed wrappers are opened (the signed content is read, the signature dropped), a
/// winmail.dat is unpacked into the body and files it carries, and the resources of an HTML body
/// (<c>multipart/related</c> images) are not counted as attachments.
/// </summary>
internal sealed class MessageContent
{
    private const int MaxDepth = 8;

    private MessageContent(MimeMessage message)
    {
        Message = message;
    }

    public MimeMessage Message { get; }

    public List<string> PlainBodies { get; } = [];

    public List<string> HtmlBodies { get; } = [];

    /// <summary>Files attached to this message itself (not to the messages forwarded inside it).</summary>
    public List<EmailAttachment> Attachments { get; } = [];

    public List<MessageContent> Forwarded { get; } = [];

    /// <summary>Every attachment of this message and of the messages forwarded inside it, at any depth.</summary>
    public IEnumerable<EmailAttachment> AllAttachments => Attachments.Concat(Forwarded.SelectMany(f => f.AllAttachments));

    public static MessageContent Read(MimeMessage message) => Read(message, depth: 0);

    private static MessageContent Read(MimeMessage message, int depth)
    {
        var content = new MessageContent(message);
        content.Walk(message.Body, depth);
        return content;
    }

    private void Walk(MimeEntity? entity, int depth)
    {
        switch (entity)
        {
            case null:
                return;
            case MultipartSigned signed:
                // The first part is the signed content; the second is the signature.
                if (signed.Count > 0)
                {
                    Walk(signed[0], depth);
                }

                return;
            case MultipartRelated related:
                WalkRelated(related, depth);
                return;
            case Multipart multipart:
                foreach (var part in multipart)
                {
                    Walk(part, depth);
                }

                return;
            case MessagePart { Message: { } forwarded } when depth < MaxDepth:
                Forwarded.Add(Read(forwarded, depth + 1));
                return;
            case TnefPart tnef:
                WalkTnef(tnef, depth);
                return;
            case ApplicationPkcs7Mime pkcs7:
                WalkPkcs7(pkcs7, depth);
                return;
            case ApplicationPkcs7Signature or MimePart { ContentType.MimeType: "application/pgp-signature" }:
                return;
            case TextPart text when IsBody(text):
                AddBody(text);
                return;
            case MimePart part:
                AddAttachment(part);
                return;
            default:
                return;
        }
    }

    /// <summary>The root is the HTML (or alternative) body; the other parts are its inline images, unless marked as attachments.</summary>
    private void WalkRelated(MultipartRelated related, int depth)
    {
        var root = related.Root;
        foreach (var part in related)
        {
            if (ReferenceEquals(part, root) || part.IsAttachment)
            {
                Walk(part, depth);
            }
        }
    }

    private void WalkTnef(TnefPart tnef, int depth)
    {
        MimeMessage converted;
        try
        {
            converted = tnef.ConvertToMessage();
        }
        catch (Exception ex) when (ex is FormatException or TnefException or NotSupportedException or ArgumentException)
        {
            AddAttachment(tnef);
            return;
        }

        // Outlook's body and files, as if they had been sent as plain MIME.
        Walk(converted.Body, depth);
    }

    /// <summary>Opaque S/MIME signed (or compressed) data carries readable content; encrypted data cannot be read and is kept as a file.</summary>
    private void WalkPkcs7(ApplicationPkcs7Mime pkcs7, int depth)
    {
        try
        {
            switch (pkcs7.SecureMimeType)
            {
                case SecureMimeType.SignedData:
                    using (var context = new TemporarySecureMimeContext())
                    {
                        pkcs7.Verify(context, out var inner);
                        Walk(inner, depth);
                    }

                    return;
                case SecureMimeType.CompressedData:
                    using (var context = new TemporarySecureMimeContext())
                    {
                        Walk(pkcs7.Decompress(context), depth);
                    }

                    return;
            }
        }
        catch (Exception)
        {
            // Unreadable or unsupported CMS: keep the part as it is.
        }

        AddAttachment(pkcs7);
    }

    private static bool IsBody(TextPart text) =>
        !text.IsAttachment
        && string.IsNullOrEmpty(text.FileName)
        && (text.IsPlain || text.IsHtml);

    private void AddBody(TextPart text)
    {
        if (text.IsHtml)
        {
            HtmlBodies.Add(text.Text ?? "");
            return;
        }

        var body = text.Text ?? "";
        if (text.IsFlowed)
        {
            var delsp = text.ContentType.Parameters.TryGetValue("delsp", out string? value)
                && value.Equals("yes", StringComparison.OrdinalIgnoreCase);
            body = new FlowedToText { DeleteSpace = delsp }.Convert(body);
        }

        PlainBodies.Add(body);
    }

    private void AddAttachment(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content?.DecodeTo(buffer);
        var bytes = buffer.ToArray();
        var contentType = part.ContentType.MimeType.ToLowerInvariant();
        var fileName = string.IsNullOrWhiteSpace(part.FileName)
            ? MadeUpName(Attachments.Count + 1, contentType)
            : part.FileName.Trim();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Attachments.Add(new EmailAttachment(fileName, contentType, bytes, sha256, DocumentKinds.Guess(fileName, contentType)));
    }

    private static string MadeUpName(int number, string contentType) =>
        MimeTypes.TryGetExtension(contentType, out var extension)
            ? $"attachment-{number}{extension}"
            : $"attachment-{number}.bin";
}
