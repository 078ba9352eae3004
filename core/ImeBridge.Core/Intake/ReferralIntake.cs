using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Model;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Validation;
using ImeBridge.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Intake;

/// <summary>
/// The one way in for every channel: validate, then in one transaction keep the original bytes,
/// deduplicate, store the referral, append its first timeline entry and emit <c>ReferralReceived</c>.
/// Rejected input is kept too, with every reason, so an operator can fix and replay it.
/// </summary>
public sealed class ReferralIntake(
    ReferralReader reader,
    ReferralValidator validator,
    IReferralStore store,
    IntakePressure pressure,
    TimeProvider time,
    ILogger<ReferralIntake> logger)
{
    /// <summary>Accepts a canonical-JSON referral body (the webhook channel, and JSON Lines batches).</summary>
    public async Task<IntakeResult> AcceptJsonAsync(IntakeRequest request, Partner partner, CancellationToken cancellationToken)
    {
        var read = reader.Read(request.Body, new ReferralDefaults(request.Channel, partner.Id, partner.Kind, partner.Name));
        var original = IntakeOriginal.From(request.Body, request.ContentType);
        if (!read.IsValid)
        {
            return await RejectAsync(request, original.Reference, original, read.Errors, cancellationToken);
        }

        return await StoreAsync(read.Referral!, request, original.Reference, original, cancellationToken);
    }

    /// <summary>
    /// As <see cref="AcceptJsonAsync(IntakeRequest, Partner, CancellationToken)"/>, for one record of a file its channel
    /// has already kept in the document store (<paramref name="keptIn"/>): an accepted record points at that file
    /// (its delivery id names the record) instead of keeping a copy of its own bytes; a rejected record still keeps
    /// its own bytes, for an operator to fix and replay.
    /// </summary>
    public async Task<IntakeResult> AcceptJsonAsync(IntakeRequest request, Partner partner, DocumentRef keptIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(keptIn);
        var read = reader.Read(request.Body, new ReferralDefaults(request.Channel, partner.Id, partner.Kind, partner.Name));
        if (!read.IsValid)
        {
            var original = IntakeOriginal.From(request.Body, request.ContentType);
            return await RejectAsync(request, original.Reference, original, read.Errors, cancellationToken);
        }

        return await StoreAsync(read.Referral!, request, keptIn, originalBytes: null, cancellationToken);
    }

    /// <summary>
    /// Accepts a referral another channel's reader has already built (CSV row, FHIR resource, email).
    /// <paramref name="original"/> points at the bytes it came from, already in the document store.
    /// </summary>
    public async Task<IntakeResult> AcceptReferralAsync(Referral referral, IntakeRequest request, DocumentRef original, CancellationToken cancellationToken)
    {
        var errors = validator.Validate(referral);
        if (errors.Count > 0)
        {
            return await RejectAsync(request, original, originalBytes: null, errors, cancellationToken);
        }

        return await StoreAsync(referral, request, original, originalBytes: null, cancellationToken);
    }

    /// <summary>
    /// Records as rejected an input its channel could not even turn into a referral (a CSV row whose date does not
    /// match the partner's layout, a malformed JSON line), keeping <see cref="IntakeRequest.Body"/> for an operator to fix and replay.
    /// </summary>
    public async Task<IntakeRejected> RejectAsync(IntakeRequest request, Partner partner, IReadOnlyList<FieldError> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(errors);
        if (!string.Equals(request.PartnerId, partner.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException("the request is for another partner", nameof(partner));
        }

        var original = IntakeOriginal.From(request.Body, request.ContentType);
        return (IntakeRejected)await RejectAsync(request, original.Reference, original, errors, cancellationToken);
    }

    private async Task<IntakeResult> StoreAsync(
        Referral referral,
        IntakeRequest request,
        DocumentRef original,
        IntakeOriginal? originalBytes,
        CancellationToken cancellationToken)
    {
        pressure.NoteArrival();
        var receivedAt = time.GetUtcNow();
        referral.ReferralId = ReferralIds.New(time);
        referral.Status = ReferralStatus.Received;
        referral.Source.Channel = request.Channel;
        referral.Source.PartnerId = request.PartnerId;
        referral.Source.DeliveryId = request.DeliveryId;
        referral.Source.ReceivedAt = receivedAt;
        if (originalBytes is not null)
        {
            originalBytes = originalBytes.KeptWith(referral.ReferralId);
            original = originalBytes.Reference;
        }

        referral.Source.OriginalDocument = original;

        var message = new ReferralReceived(referral.ReferralId, request.PartnerId, request.Channel, receivedAt);
        var emit = new QueueMessage(
            MessageId: $"{MessageTypes.ReferralReceived}:{referral.ReferralId}",
            Type: MessageTypes.ReferralReceived,
            SessionId: referral.ReferralId,
            Body: JsonSerializer.SerializeToUtf8Bytes(message, MessageJson.Options));
        var entry = new TimelineEntry(
            At: receivedAt,
            Event: "referral.received",
            Status: ReferralStatus.Received,
            Actor: $"partner:{request.PartnerId}",
            MessageId: request.DeliveryId,
            Detail: $"via {request.Channel}");

        var outcome = await store.AcceptAsync(new NewReferral(referral, entry, [emit], originalBytes), cancellationToken);
        logger.Log(
            LevelFor(request),
            "Referral {ReferralId} from partner {PartnerId} via {Channel}: {Outcome}",
            outcome.ReferralId,
            request.PartnerId,
            request.Channel,
            outcome.Duplicate ? "duplicate" : "accepted");
        return new IntakeAccepted(outcome.ReferralId, outcome.Status, outcome.Duplicate);
    }

    private async Task<IntakeResult> RejectAsync(
        IntakeRequest request,
        DocumentRef original,
        IntakeOriginal? originalBytes,
        IReadOnlyList<FieldError> errors,
        CancellationToken cancellationToken)
    {
        var rejection = new RejectedIntake(
            RejectionId: ReferralIds.NewRejection(time),
            At: time.GetUtcNow(),
            Channel: request.Channel,
            PartnerId: request.PartnerId,
            DeliveryId: request.DeliveryId,
            Original: original,
            Errors: errors);
        var keptAs = await store.RecordRejectionAsync(rejection, originalBytes, cancellationToken);
        logger.Log(
            LevelFor(request),
            "Input from partner {PartnerId} via {Channel} rejected as {RejectionId}: {ErrorCount} errors",
            request.PartnerId,
            request.Channel,
            keptAs,
            errors.Count);
        return new IntakeRejected(keptAs, errors);
    }

    private static LogLevel LevelFor(IntakeRequest request) => request.PartOfBatch ? LogLevel.Debug : LogLevel.Information;
}
