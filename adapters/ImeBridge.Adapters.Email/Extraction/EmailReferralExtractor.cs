using System.Diagnostics.CodeAnalysis;
using System.Text;
using ImeBridge.Adapters.Email.Forms;
using ImeBridge.Core.Ports;
using MimeKit;

namespace ImeBridge.Adapters.Email.Extraction;

/// <summary>
/// Finds the referral(s) in an email, without storing anything (the CLI's <c>normalize --channel email</c> uses it as
/// is). Looks, in this order, and stops at the first place that has one:
/// <list type="number">
/// <item>the message's own structured attachments: canonical JSON referrals, CSV and JSON Lines batches, FHIR (a Bundle, a ServiceRequest or NDJSON, mapped as the FHIR channel maps it);</item>
/// <item>each forwarded message (<c>message/rfc822</c>), searched the same way, recursively;</item>
/// <item>a labelled form in the text body, else in the HTML body (labels in docs/email-intake.md).</item>
/// </list>
/// Every attachment at any depth is returned for the document store, one per SHA-256. Thread-safe.
/// </summary>
public sealed class EmailReferralExtractor
{
    public const string NoReferralReason =
        "no referral found: attach the canonical referral JSON or a CSV, or write the referral as a labelled form in the message (Claimant:, DOB:, Claim #:, …)";

    /// <summary>Parses the raw message (RFC 5322 bytes, an mbox <c>From </c> line tolerated) and extracts from it.</summary>
    /// <param name="fallbackExternalId">The referral's <c>source.externalId</c> when the form has no Referral # and the message no Message-ID.</param>
    public EmailExtraction Extract(Stream rawMessage, string? fallbackExternalId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rawMessage);
        var message = MimeMessage.Load(new ParserOptions { CharsetEncoding = Encoding.UTF8 }, rawMessage, persistent: false, cancellationToken);
        return Extract(message, fallbackExternalId);
    }

    /// <inheritdoc cref="Extract(Stream, string?, CancellationToken)"/>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "An injectable service; callers hold an instance.")]
    public EmailExtraction Extract(MimeMessage message, string? fallbackExternalId = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var content = MessageContent.Read(message);
        var from = message.From.Mailboxes.FirstOrDefault();
        var replyTo = message.ReplyTo.Mailboxes.FirstOrDefault() ?? from;
        var attachments = content.AllAttachments.DistinctBy(a => a.Sha256).ToList();
        var search = new Search(from, fallbackExternalId);
        var candidates = search.Find(content);
        var missing = candidates.Count > 0 ? [] : search.Missing();
        return new EmailExtraction(candidates, attachments, missing, NullIfEmpty(message.MessageId), from, replyTo, AutomatedMail.Is(message));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>One search through a message and the messages forwarded inside it; remembers the best partial form for the triage answer.</summary>
    private sealed class Search(MailboxAddress? sender, string? fallbackExternalId)
    {
        private IReadOnlyList<FieldError>? bestMissing;
        private int bestFieldCount = -1;

        public List<ReferralCandidate> Find(MessageContent message)
        {
            var structured = message.Attachments
                .Select(a => (Attachment: a, Kind: StructuredAttachments.Classify(a)))
                .Where(x => x.Kind is not null)
                .Select(x => new ReferralCandidate(x.Kind!.Value, x.Attachment.Content, x.Attachment))
                .ToList();
            if (structured.Count > 0)
            {
                return structured;
            }

            foreach (var forwarded in message.Forwarded)
            {
                var found = Find(forwarded);
                if (found.Count > 0)
                {
                    return found;
                }
            }

            return FindForm(message);
        }

        public IReadOnlyList<FieldError> Missing() =>
            bestMissing is { Count: > 0 } partial
                ? partial
                : [new FieldError("$", NoReferralReason), .. LabelledReferralBuilder.AllRequiredMissing()];

        private List<ReferralCandidate> FindForm(MessageContent message)
        {
            var plain = LabelledFormReader.Read(PlainFormText.Lines(string.Join("\n\n", message.PlainBodies)));
            var html = LabelledFormReader.Read(message.HtmlBodies.SelectMany(HtmlFormText.Lines).ToList());
            var form = html.FieldCount > plain.FieldCount ? html : plain;
            if (!form.LooksLikeReferral)
            {
                return [];
            }

            var externalId = NullIfEmpty(message.Message.MessageId) ?? fallbackExternalId;
            var (json, missing) = LabelledReferralBuilder.Build(form, externalId, sender?.Name, sender?.Address);
            if (json is not null)
            {
                return [new ReferralCandidate(ReferralCandidateKind.LabelledForm, json, Attachment: null)];
            }

            if (form.FieldCount > bestFieldCount)
            {
                bestFieldCount = form.FieldCount;
                bestMissing = missing;
            }

            return [];
        }
    }
}
