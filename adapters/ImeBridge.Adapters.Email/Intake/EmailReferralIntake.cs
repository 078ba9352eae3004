using ImeBridge.Adapters.Email.Extraction;
using ImeBridge.Adapters.Fhir;
using ImeBridge.Adapters.Fhir.Partners;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Email.Intake;

/// <summary>
/// Takes in the referral sources an extraction found, for a trusted partner: keeps the email's files and lists them
/// in each referral's <c>documents</c>, then accepts each referral through the core intake (its refusals are the
/// core's, with the fixable JSON kept) or each batch row through the core batch intake. When the email carries one
/// referral it lists every file and the email itself; when it carries several, each lists the files whose name
/// carries its external id or claim number, so no referral points at another claimant's papers.
/// </summary>
public sealed class EmailReferralIntake(IDocumentStore documents)
{
    private const string JsonContentType = "application/json";

    internal async Task<EmailIntakeResult> TakeAsync(
        IServiceProvider scope,
        EmailReceived email,
        ReadOnlyMemory<byte> rawMessage,
        EmailExtraction extraction,
        EmailPartnerMatch match,
        CancellationToken cancellationToken)
    {
        if (extraction.Candidates.Count == 0)
        {
            return new EmailIntakeResult([], extraction.Missing);
        }

        var structured = extraction.Candidates.Select(c => c.Attachment?.Sha256).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var files = await ReferralDocuments.KeepAsync(documents, extraction.Attachments.Where(a => !structured.Contains(a.Sha256)), cancellationToken);
        var single = extraction.Candidates.Count == 1 && extraction.Candidates[0].Kind is ReferralCandidateKind.CanonicalJson or ReferralCandidateKind.LabelledForm;
        if (single)
        {
            files.Add(await KeepEmailAsync(rawMessage, extraction.FromMessageText, cancellationToken));
        }

        var outcomes = new List<ReferralOutcome>();
        var triage = new List<FieldError>();
        var number = 0;
        foreach (var candidate in extraction.Candidates)
        {
            number++;
            switch (candidate.Kind)
            {
                case ReferralCandidateKind.CanonicalJson or ReferralCandidateKind.LabelledForm:
                    var deliveryId = extraction.Candidates.Count == 1 ? email.EmailId : $"{email.EmailId}/{number}";
                    var listed = single ? files : ReferralDocuments.NamedFor(files, candidate.Content);
                    outcomes.Add(await AcceptAsync(scope, match, deliveryId, candidate, listed, cancellationToken));
                    break;
                default:
                    await TakeBatchAsync(scope, match, candidate, files, outcomes, triage, cancellationToken);
                    break;
            }
        }

        return new EmailIntakeResult(outcomes, triage);
    }

    private async Task<ListedDocument> KeepEmailAsync(ReadOnlyMemory<byte> rawMessage, bool referralInText, CancellationToken cancellationToken)
    {
        var kept = await documents.PutAsync(rawMessage, EmailChannels.MessageContentType, cancellationToken);
        return new ListedDocument(
            referralInText ? DocumentKinds.ReferralLetter : DocumentKinds.Other,
            ReferralDocuments.EmailFileName,
            EmailChannels.MessageContentType,
            kept.Size,
            kept.Sha256,
            kept.StoreRef,
            "The email the referral arrived in");
    }

    private static async Task<ReferralOutcome> AcceptAsync(
        IServiceProvider scope,
        EmailPartnerMatch match,
        string deliveryId,
        ReferralCandidate candidate,
        IReadOnlyCollection<ListedDocument> listed,
        CancellationToken cancellationToken)
    {
        var body = ReferralDocuments.Attach(candidate.Content, listed);
        var request = new IntakeRequest(EmailChannels.Channel, match.Partner.Id, deliveryId, JsonContentType, body);
        var result = await scope.GetRequiredService<ReferralIntake>().AcceptJsonAsync(request, match.Partner, cancellationToken);
        return result switch
        {
            IntakeAccepted accepted => new ReferralOutcome(Describe(candidate), accepted.ReferralId, null, []),
            IntakeRejected rejected => new ReferralOutcome(Describe(candidate), null, rejected.RejectionId, rejected.Errors),
            _ => throw new InvalidOperationException("the intake returned an unknown result"),
        };
    }

    private static async Task TakeBatchAsync(
        IServiceProvider scope,
        EmailPartnerMatch match,
        ReferralCandidate candidate,
        IReadOnlyList<ListedDocument> files,
        List<ReferralOutcome> outcomes,
        List<FieldError> triage,
        CancellationToken cancellationToken)
    {
        var attachment = candidate.Attachment!;
        var rows = new CollectingAckWriter();
        try
        {
            await using var content = new MemoryStream(attachment.Content.ToArray(), writable: false);
            var records = WithDocuments(RecordsOf(scope, candidate, match, content, cancellationToken), files, cancellationToken);
            var kept = await scope.GetRequiredService<IDocumentStore>().PutAsync(attachment.Content, attachment.ContentType, cancellationToken);
            var file = new BatchFile(EmailChannels.Channel, match.Partner.Id, attachment.FileName, attachment.Sha256) { Original = kept };
            await scope.GetRequiredService<BatchIntake>().ProcessAsync(file, match.Partner, records, rows, cancellationToken);
        }
        catch (BatchFileException unreadable)
        {
            // The message is written for acks and logs: it never quotes the file's content.
            triage.Add(new FieldError("$", $"{Describe(candidate)} cannot be read as a batch: {unreadable.Message}"));
            return;
        }

        outcomes.AddRange(rows.Rows.Select(row => new ReferralOutcome(
            $"row {row.Row} of {attachment.FileName}",
            row.ReferralId,
            row.RejectionId,
            row.Errors)));
    }

    // FHIR attachments are mapped as the FHIR channel maps them (NDJSON a line a record, a Bundle a ServiceRequest a
    // record), offline: an emailed Bundle's references to the partner's server are not read.
    private static IAsyncEnumerable<BatchRecord> RecordsOf(IServiceProvider scope, ReferralCandidate candidate, EmailPartnerMatch match, Stream content, CancellationToken cancellationToken)
    {
        var attachment = candidate.Attachment!;
        if (candidate.Kind != ReferralCandidateKind.Fhir)
        {
            var format = candidate.Kind == ReferralCandidateKind.Csv ? BatchFormat.Csv : BatchFormat.JsonLines;
            return BatchRecords.ReadAsync(content, format, format == BatchFormat.Csv ? match.CsvLayout : null, cancellationToken);
        }

        var mapping = scope.GetService<IOptions<FhirOptions>>()?.Value.For(match.Partner.Id)?.Mapping;
        var store = scope.GetRequiredService<IDocumentStore>();
        Func<FhirInlineAttachment, CancellationToken, Task> keep = (inline, ct) => store.PutAsync(inline.Content, inline.ContentType, ct);
        return IsNdjson(attachment)
            ? FhirBatchRecords.ReadAsync(content, mapping, keep, cancellationToken)
            : FhirBatchRecords.ReadDocumentAsync(attachment.Content, mapping, keep, cancellationToken);
    }

    private static bool IsNdjson(EmailAttachment attachment) =>
        attachment.FileName.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
        || attachment.FileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        || attachment.ContentType.Contains("ndjson", StringComparison.OrdinalIgnoreCase);

    private static async IAsyncEnumerable<BatchRecord> WithDocuments(
        IAsyncEnumerable<BatchRecord> records,
        IReadOnlyList<ListedDocument> files,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            yield return record.MappingErrors.Count > 0
                ? record
                : record with { Json = ReferralDocuments.Attach(record.Json, ReferralDocuments.NamedFor(files, record.Json)) };
        }
    }

    private static string Describe(ReferralCandidate candidate) =>
        candidate.Attachment is { } attachment ? $"attachment {attachment.FileName}" : "the referral in the message text";
}

/// <param name="TriageReasons">What must go to triage besides the referrals taken in (nothing found, an unreadable batch).</param>
internal sealed record EmailIntakeResult(IReadOnlyList<ReferralOutcome> Outcomes, IReadOnlyList<FieldError> TriageReasons);
