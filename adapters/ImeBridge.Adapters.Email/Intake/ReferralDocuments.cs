using System.Text.Json;
using System.Text.Json.Nodes;
using ImeBridge.Adapters.Email.Extraction;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>
/// Keeps an email's files in the document store and lists them in a referral's <c>documents</c>, one entry per
/// SHA-256: an entry the sender already listed with the same SHA-256 gets the store reference (and what else it lacks).
/// </summary>
internal static class ReferralDocuments
{
    public const string EmailFileName = "referral-email.eml";

    public static async Task<List<ListedDocument>> KeepAsync(IDocumentStore store, IEnumerable<EmailAttachment> attachments, CancellationToken cancellationToken)
    {
        var kept = new List<ListedDocument>();
        foreach (var attachment in attachments.DistinctBy(a => a.Sha256))
        {
            var stored = await store.PutAsync(attachment.Content, attachment.ContentType, cancellationToken);
            kept.Add(new ListedDocument(attachment.Kind, attachment.FileName, attachment.ContentType, stored.Size, stored.Sha256, stored.StoreRef));
        }

        return kept;
    }

    /// <summary>The documents whose file name carries the referral's external id or claim number: how the files of a batch email are told apart.</summary>
    public static List<ListedDocument> NamedFor(IEnumerable<ListedDocument> documents, ReadOnlyMemory<byte> referralJson)
    {
        var keys = Keys(referralJson).Where(k => k.Length >= 3).ToList();
        return [.. documents.Where(d => keys.Any(key => NamesKey(d.FileName, key)))];
    }

    /// <summary>The key stands alone in the name: "WC-1 notes.pdf" names WC-1, "WC-12 notes.pdf" does not.</summary>
    private static bool NamesKey(string fileName, string key)
    {
        for (var at = fileName.IndexOf(key, StringComparison.OrdinalIgnoreCase); at >= 0; at = fileName.IndexOf(key, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + key.Length;
            if ((at == 0 || !char.IsLetterOrDigit(fileName[at - 1])) && (end == fileName.Length || !char.IsLetterOrDigit(fileName[end])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds <paramref name="documents"/> to the referral JSON's <c>documents</c>. Input that is not a JSON object is returned as it is, for the reader to refuse.</summary>
    public static ReadOnlyMemory<byte> Attach(ReadOnlyMemory<byte> referralJson, IReadOnlyCollection<ListedDocument> documents)
    {
        if (documents.Count == 0 || Parse(referralJson) is not JsonObject referral)
        {
            return referralJson;
        }

        if (referral["documents"] is not JsonArray list)
        {
            if (referral["documents"] is not null)
            {
                return referralJson;
            }

            list = [];
            referral["documents"] = list;
        }

        foreach (var document in documents)
        {
            var existing = list.OfType<JsonObject>().FirstOrDefault(entry =>
                entry["sha256"] is JsonValue sha && sha.TryGetValue<string>(out var value) && value.Equals(document.Sha256, StringComparison.OrdinalIgnoreCase));
            if (existing is null)
            {
                list.Add(ToJson(document));
            }
            else
            {
                Complete(existing, document);
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(referral);
    }

    private static JsonObject ToJson(ListedDocument document)
    {
        var entry = new JsonObject
        {
            ["kind"] = document.Kind,
            ["fileName"] = document.FileName,
            ["contentType"] = document.ContentType,
            ["size"] = document.Size,
            ["sha256"] = document.Sha256,
            ["storeRef"] = document.StoreRef,
        };
        if (document.Description is not null)
        {
            entry["description"] = document.Description;
        }

        return entry;
    }

    private static void Complete(JsonObject entry, ListedDocument document)
    {
        entry["storeRef"] = document.StoreRef;
        entry["size"] = document.Size;
        entry["kind"] ??= document.Kind;
        entry["fileName"] ??= document.FileName;
        entry["contentType"] ??= document.ContentType;
    }

    private static IEnumerable<string> Keys(ReadOnlyMemory<byte> referralJson)
    {
        if (Parse(referralJson) is not JsonObject referral)
        {
            yield break;
        }

        if ((referral["source"] as JsonObject)?["externalId"] is JsonValue externalId && externalId.TryGetValue<string>(out var id))
        {
            yield return id.Trim();
        }

        if ((referral["claim"] as JsonObject)?["claimNumber"] is JsonValue claimNumber && claimNumber.TryGetValue<string>(out var number))
        {
            yield return number.Trim();
        }
    }

    private static JsonNode? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonNode.Parse(json.Span);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
