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

    public static async IAsyncEnumerable<BatchRecord> ReadAsync(Stream ndjson, FhirMappingOptions? mapping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var line in FhirReferralReader.ReadNdjson(ndjson, mapping))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return line.Results switch
            {
                [var only] when only.IsReferral => new BatchRecord(line.LineNumber, null, WithoutChannel(only.ReferralJson!), []),
                [var only] => new BatchRecord(line.LineNumber, null, ReadOnlyMemory<byte>.Empty, only.Errors),
                _ => new BatchRecord(line.LineNumber, null, ReadOnlyMemory<byte>.Empty, [new FieldError("Bundle", "holds several ServiceRequests: put one ServiceRequest on each NDJSON line")]),
            };
            await Task.Yield();
        }
    }

    private static byte[] WithoutChannel(byte[] referralJson)
    {
        var referral = JsonNode.Parse(referralJson)!.AsObject();
        (referral["source"] as JsonObject)?.Remove("channel");
        return System.Text.Encoding.UTF8.GetBytes(referral.ToJsonString());
    }
}
