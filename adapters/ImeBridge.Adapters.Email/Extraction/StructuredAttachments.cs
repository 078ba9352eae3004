using System.Text;
using System.Text.Json;

namespace ImeBridge.Adapters.Email.Extraction;

/// <summary>Recognises attachments that are referrals in a machine format: canonical JSON, CSV, JSON Lines, FHIR.</summary>
internal static class StructuredAttachments
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly string[] ReferralProperties = ["claimant", "claim", "request", "referrer", "source"];

    public static ReferralCandidateKind? Classify(EmailAttachment attachment)
    {
        var extension = Path.GetExtension(attachment.FileName).ToLowerInvariant();
        var type = attachment.ContentType;
        if (extension is ".csv" || type is "text/csv" or "application/csv")
        {
            return ReferralCandidateKind.Csv;
        }

        if (extension is ".jsonl" or ".ndjson" || type is "application/x-ndjson" or "application/jsonl" or "application/fhir+ndjson")
        {
            return FirstLineIsFhir(attachment.Content) ? ReferralCandidateKind.Fhir : ReferralCandidateKind.JsonLines;
        }

        if (extension is ".json" || type is "application/json" or "application/fhir+json")
        {
            // A .json file that does not parse is taken as a broken referral: the reader then says where it breaks.
            return IsJson(attachment.Content.Span) ? ClassifyJson(attachment.Content.Span) : ReferralCandidateKind.CanonicalJson;
        }

        if (type is "application/fhir+xml" || (extension is ".xml" && LooksLikeFhirXml(attachment.Content.Span)))
        {
            return ReferralCandidateKind.Fhir;
        }

        return null;
    }

    private static ReferralCandidateKind? ClassifyJson(ReadOnlySpan<byte> content)
    {
        try
        {
            var reader = new Utf8JsonReader(content, Options);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("resourceType", out _))
            {
                return ReferralCandidateKind.Fhir;
            }

            return ReferralProperties.Any(p => root.TryGetProperty(p, out _)) ? ReferralCandidateKind.CanonicalJson : null;
        }
        catch (JsonException)
        {
            // Not JSON after all: an ordinary document.
            return null;
        }
    }

    private static bool IsJson(ReadOnlySpan<byte> content)
    {
        var reader = new Utf8JsonReader(content, Options);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool FirstLineIsFhir(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        var end = span.IndexOf((byte)'\n');
        return ClassifyJson(end < 0 ? span : span[..end]) == ReferralCandidateKind.Fhir;
    }

    private static bool LooksLikeFhirXml(ReadOnlySpan<byte> content)
    {
        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 2048)]);
        return head.Contains("http://hl7.org/fhir", StringComparison.Ordinal);
    }
}
