using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using static ImeBridge.Adapters.Fhir.FhirValues;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// supportingInfo DocumentReference / Binary → documents. The canonical document needs the SHA-256 of the bytes, so an
/// attachment becomes a document when its bytes are inline or, given by URL, once fetched from the partner's server.
/// Without a server an attachment given only by URL is left out.
/// </summary>
internal static class DocumentMapping
{
    private const string ReferralNoteLoinc = "57133-1";

    public static JsonArray Map(MappingContext context)
    {
        var request = (ServiceRequest)context.ServiceRequest.Resource;
        var documents = new JsonArray();
        foreach (var reference in request.SupportingInfo)
        {
            switch (context.Resolve(reference, context.ServiceRequest))
            {
                case { Resource: DocumentReference document } located:
                    for (var i = 0; i < document.Content.Count; i++)
                    {
                        var kind = HasCode(document.Type, "http://loinc.org", ReferralNoteLoinc) ? "referralLetter" : null;
                        Add(documents, FromAttachment(document.Content[i].Attachment, located.At($"content[{i}].attachment"), document.Id, document.Description, kind, context));
                    }

                    break;
                case { Resource: Binary binary } located:
                    Add(documents, Inline(binary.Data, binary.ContentType, null, null, located.Path, binary.Id, null, null, context));
                    break;
            }
        }

        return documents;
    }

    private static void Add(JsonArray documents, JsonObject? document)
    {
        if (document is not null)
        {
            documents.Add(document);
        }
    }

    private static JsonObject? FromAttachment(Attachment? attachment, string path, string? id, string? description, string? kind, MappingContext context)
    {
        if (attachment is null)
        {
            return null;
        }

        if (attachment.Data is not null)
        {
            return Inline(attachment.Data, attachment.ContentType, attachment.Title, attachment.Hash, path, id, description ?? attachment.Title, kind, context);
        }

        if (NonEmpty(attachment.Url) is not { } url || context.Content(url) is not { } fetched)
        {
            return null;
        }

        // The server's media type is what the bytes are; the attachment's is what the sender said they would be.
        var contentType = NonEmpty(fetched.ContentType) ?? attachment.ContentType;
        return Inline(fetched.Data, contentType, attachment.Title, attachment.Hash, path, id, description ?? attachment.Title, kind, context);
    }

    private static JsonObject? Inline(byte[]? data, string? contentType, string? title, byte[]? sha1, string path, string? id, string? description, string? kind, MappingContext context)
    {
        if (data is null)
        {
            return null;
        }

        if (NonEmpty(contentType) is null)
        {
            context.Errors.Add(FhirErrorReasons.Required($"{path}.contentType", "the media type of the attached data"));
            return null;
        }

        // R4 Attachment.hash is the SHA-1 of the data: a mismatch means the bytes were damaged on the way. It is only
        // compared, never trusted for identity (SHA-256 is), hence the CA5350 suppression.
#pragma warning disable CA5350
        if (sha1 is { Length: > 0 } && !SHA1.HashData(data).AsSpan().SequenceEqual(sha1))
        {
            context.Errors.Add(FhirErrorReasons.Invalid($"{path}.hash", "does not match the attached data (SHA-1)"));
            return null;
        }
#pragma warning restore CA5350

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
        context.Attachments.Add(new FhirInlineAttachment(sha256, contentType!.Trim(), data));
        var document = new JsonObject();
        Put(document, "kind", kind);
        Put(document, "fileName", NonEmpty(title) ?? $"{NonEmpty(id) ?? "attachment"}{Extension(contentType)}");
        Put(document, "contentType", contentType);
        document["size"] = data.LongLength;
        document["sha256"] = sha256;
        Put(document, "description", description);
        return document;
    }

    private static string Extension(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "application/pdf" => ".pdf",
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "text/plain" => ".txt",
        _ => ".bin",
    };
}
