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

    private async Task<IntakeResult> StoreAsync(
        Referral referral,
        IntakeRequest request,
        DocumentRef original,
        IntakeOriginal? originalBytes,
        CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        referral.ReferralId = ReferralIds.New(time);
        referral.Status = ReferralStatus.Received;
        referral.Source.Channel = request.Channel;
        referral.Source.PartnerId = request.PartnerId;
        referral.Source.DeliveryId = request.DeliveryId;
        referral.Source.ReceivedAt = receivedAt;
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
        logger.LogInformation(
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
        logger.LogInformation(
            "Input from partner {PartnerId} via {Channel} rejected as {RejectionId}: {ErrorCount} errors",
            request.PartnerId,
            request.Channel,
            keptAs,
            errors.Count);
        return new IntakeRejected(keptAs, errors);
    }
}
