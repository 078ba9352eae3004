using System.Globalization;
using System.Runtime.CompilerServices;
using ImeBridge.Adapters.Email;
using ImeBridge.Adapters.Email.Extraction;
using ImeBridge.Adapters.Fhir;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Ports;

namespace ImeBridge.Cli;

/// <summary>
/// The referrals the email channel finds in a message, in its order: a structured attachment (canonical JSON, CSV,
/// JSON Lines, FHIR), a forwarded message carrying one, or a labelled form in the text. Labels: <c>FILE</c> for a single
/// referral, <c>FILE:ATTACHMENT[:ROW]</c> or <c>FILE:text</c> when the message holds several. Attachments are not
/// kept here, so the referrals list no documents; the running bridge adds them when it stores the message.
/// </summary>
internal static class EmailNormalizeInputs
{
    public static async IAsyncEnumerable<NormalizeInput> ReadAsync(
        string file,
        CsvLayout? layout,
        FhirMappingOptions mapping,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EmailEncodings.EnsureRegistered();
        EmailExtraction extraction;
        await using (var content = InputFiles.OpenRead(file))
        {
            extraction = new EmailReferralExtractor().Extract(content, fallbackExternalId: null, cancellationToken);
        }

        if (extraction.Candidates.Count == 0)
        {
            yield return NormalizeInput.Refused(file, extraction.Missing.Count > 0 ? extraction.Missing : [new FieldError("$", EmailReferralExtractor.NoReferralReason)]);
            yield break;
        }

        var single = extraction.Candidates.Count == 1;
        foreach (var candidate in extraction.Candidates)
        {
            var label = single ? file : $"{file}:{candidate.Attachment?.FileName ?? "text"}";
            switch (candidate.Kind)
            {
                case ReferralCandidateKind.CanonicalJson or ReferralCandidateKind.LabelledForm:
                    yield return NormalizeInput.Json(label, candidate.Content);
                    break;
                case ReferralCandidateKind.Csv or ReferralCandidateKind.JsonLines:
                    var format = candidate.Kind == ReferralCandidateKind.Csv ? BatchFormat.Csv : BatchFormat.JsonLines;
                    await foreach (var row in BatchRows(label, candidate.Content, format, layout, cancellationToken))
                    {
                        yield return row;
                    }

                    break;
                default:
                    await foreach (var record in FhirRecords(candidate, mapping, cancellationToken))
                    {
                        var recordLabel = string.Create(CultureInfo.InvariantCulture, $"{label}:{record.Row}");
                        yield return record.MappingErrors.Count > 0
                            ? NormalizeInput.Refused(recordLabel, record.MappingErrors)
                            : NormalizeInput.Json(recordLabel, record.Json);
                    }

                    break;
            }
        }
    }

    // As the running bridge reads a FHIR attachment (EmailReferralIntake), without keeping its inline documents.
    private static IAsyncEnumerable<BatchRecord> FhirRecords(ReferralCandidate candidate, FhirMappingOptions mapping, CancellationToken cancellationToken)
    {
        var attachment = candidate.Attachment!;
        Func<FhirInlineAttachment, CancellationToken, Task> keepNothing = (_, _) => Task.CompletedTask;
        return attachment.FileName.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || attachment.FileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? FhirBatchRecords.ReadAsync(new MemoryStream(attachment.Content.ToArray(), writable: false), mapping, keepNothing, cancellationToken)
            : FhirBatchRecords.ReadDocumentAsync(attachment.Content, mapping, keepNothing, cancellationToken);
    }

    private static async IAsyncEnumerable<NormalizeInput> BatchRows(
        string label,
        ReadOnlyMemory<byte> content,
        BatchFormat format,
        CsvLayout? layout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(content.ToArray(), writable: false);
        await foreach (var input in BatchNormalizeInputs.ReadAsync(label, stream, format, layout, cancellationToken))
        {
            yield return input;
        }
    }
}
