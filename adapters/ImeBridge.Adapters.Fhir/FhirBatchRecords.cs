using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// FHIR NDJSON as batch records (SFTP, email attachments): one ServiceRequest per line, the record's row being the
/// line number. The mapped referral leaves <c>source.channel</c> to the channel the file arrived on.
/// </summary>
public static class FhirBatchRecords
{
    /// <summary>True when the first non-blank line of <paramref name="path"/> is a FHIR resource (it names a <c>resourceType</c>).</summary>
    public static bool LooksLikeFhirNdjson(string path)
    {
        using var reader = new StreamReader(path);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                return line.Contains("\"resourceType\"", StringComparison.Ordinal);
            }
        }

        return false;
    }

    /// <param name="keepAttachment">Keeps the bytes of an attachment sent inline (the referral's document names their SHA-256).</param>
    public static async IAsyncEnumerable<BatchRecord> ReadAsync(
        Stream ndjson,
        FhirMappingOptions? mapping,
        Func<FhirInlineAttachment, CancellationToken, Task> keepAttachment,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keepAttachment);
        foreach (var line in FhirReferralReader.ReadNdjson(ndjson, mapping))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await KeepAttachmentsAsync(line.Results, keepAttachment, cancellationToken);
            yield return line.Results switch
            {
                [var only] when only.IsReferral => new BatchRecord(line.LineNumber, null, WithoutChannel(only.ReferralJson!), []),
                [var only] => new BatchRecord(line.LineNumber, null, ReadOnlyMemory<byte>.Empty, only.Errors),
                _ => new BatchRecord(line.LineNumber, null, ReadOnlyMemory<byte>.Empty, [new FieldError("Bundle", "holds several ServiceRequests: put one ServiceRequest on each NDJSON line")]),
            };
            await Task.Yield();
        }
    }

    /// <summary>
    /// One FHIR document (a Bundle or a ServiceRequest, JSON or XML, such as an email attachment) as batch records:
    /// a record per ServiceRequest, numbered from 1 in the order they appear.
    /// </summary>
    public static async IAsyncEnumerable<BatchRecord> ReadDocumentAsync(
        ReadOnlyMemory<byte> content,
        FhirMappingOptions? mapping,
        Func<FhirInlineAttachment, CancellationToken, Task> keepAttachment,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keepAttachment);
        var results = FhirReferralReader.Read(content, options: mapping);
        await KeepAttachmentsAsync(results, keepAttachment, cancellationToken);
        for (var i = 0; i < results.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = results[i];
            yield return result.IsReferral
                ? new BatchRecord(i + 1, null, WithoutChannel(result.ReferralJson!), [])
                : new BatchRecord(i + 1, null, ReadOnlyMemory<byte>.Empty, result.Errors);
            await Task.Yield();
        }
    }

    private static async Task KeepAttachmentsAsync(IEnumerable<FhirReferralResult> results, Func<FhirInlineAttachment, CancellationToken, Task> keep, CancellationToken cancellationToken)
    {
        foreach (var attachment in results.Where(r => r.IsReferral).SelectMany(r => r.Attachments))
        {
            await keep(attachment, cancellationToken);
        }
    }

    private static byte[] WithoutChannel(byte[] referralJson)
    {
        var referral = JsonNode.Parse(referralJson)!.AsObject();
        (referral["source"] as JsonObject)?.Remove("channel");
        return System.Text.Encoding.UTF8.GetBytes(referral.ToJsonString());
    }
}
