using ImeBridge.Adapters.Email.Extraction;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

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
    public const string FhirNotAvailable = "FHIR intake is not available yet: send the referral as canonical JSON, CSV or a labelled form";

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
                case ReferralCandidateKind.Csv or ReferralCandidateKind.JsonLines:
                    await TakeBatchAsync(scope, match, candidate, files, outcomes, triage, cancellationToken);
                    break;
                default:
                    triage.Add(new FieldError("$", $"{Describe(candidate)} is FHIR; {FhirNotAvailable}"));
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
        var format = candidate.Kind == ReferralCandidateKind.Csv ? BatchFormat.Csv : BatchFormat.JsonLines;
        var layout = format == BatchFormat.Csv ? match.CsvLayout : null;
        var rows = new CollectingAckWriter();
        try
        {
            await using var content = new MemoryStream(attachment.Content.ToArray(), writable: false);
            var records = WithDocuments(BatchRecords.ReadAsync(content, format, layout, cancellationToken), files, cancellationToken);
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

/// <param name="TriageReasons">What must go to triage besides the referrals taken in (nothing found, FHIR, an unreadable batch).</param>
internal sealed record EmailIntakeResult(IReadOnlyList<ReferralOutcome> Outcomes, IReadOnlyList<FieldError> TriageReasons);
