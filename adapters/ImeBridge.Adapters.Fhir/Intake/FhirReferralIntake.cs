using Hl7.Fhir.Model;
using ImeBridge.Adapters.Fhir.Partners;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Adapters.Fhir.WriteBack;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Model;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Fhir.Intake;

/// <summary>
/// FHIR input from a partner into referrals, whichever way it came (posted, polled, notified): mapped with the
/// partner's settings, what it references read from the partner's server when one is configured, the input kept once,
/// and each ServiceRequest taken in through the core intake on its own. A ServiceRequest that came from the partner's
/// server and is refused is kept as a rejection and written back as a rejected Task.
/// </summary>
public sealed class FhirReferralIntake(
    ReferralIntake intake,
    IDocumentStore documents,
    FhirServerClients servers,
    FhirTaskWriteBack writeBack,
    IOptions<FhirOptions> options,
    ILogger<FhirReferralIntake> logger)
{
    public const string Channel = FhirChannel.Name;

    /// <summary>Bytes the partner sent (a POST body, a notification's payload), read and taken in.</summary>
    /// <exception cref="FhirServerException">The partner's server could not be read for a referenced resource.</exception>
    public async Task<FhirIntakeReport> TakeAsync(Partner partner, ReadOnlyMemory<byte> body, FhirFormat format, FhirIntakeOrigin origin, CancellationToken cancellationToken) =>
        await TakeAsync(partner, await ReadAsync(partner, body, format, cancellationToken), body, format, origin, cancellationToken);

    /// <summary>Maps what the partner sent, reading what it references from the partner's server when one is configured. Stores nothing.</summary>
    /// <exception cref="FhirServerException">The partner's server could not be read for a referenced resource.</exception>
    public async Task<IReadOnlyList<FhirReferralResult>> ReadAsync(Partner partner, ReadOnlyMemory<byte> body, FhirFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var mapping = MappingFor(partner.Id);
        return servers.For(partner.Id) is { } server
            ? await FhirReferralReader.ReadAsync(body, format, mapping, new FhirServerResourceSource(server), cancellationToken)
            : FhirReferralReader.Read(body, format, mapping);
    }

    /// <summary>Keeps <paramref name="body"/> once and takes in each ServiceRequest <see cref="ReadAsync"/> found in it.</summary>
    public async Task<FhirIntakeReport> TakeAsync(
        Partner partner,
        IReadOnlyList<FhirReferralResult> results,
        ReadOnlyMemory<byte> body,
        FhirFormat format,
        FhirIntakeOrigin origin,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(results);
        var contentType = format == FhirFormat.Xml ? "application/fhir+xml" : "application/fhir+json";
        var kept = await documents.PutAsync(body, contentType, cancellationToken);
        return await TakeResultsAsync(partner, results, new KeptInput(body, contentType, kept), origin, cancellationToken);
    }

    /// <summary>A resource read from the partner's server: a page of search results, a notified ServiceRequest.</summary>
    /// <exception cref="FhirServerException">The partner's server could not be read for a referenced resource.</exception>
    public async Task<FhirIntakeReport> TakeAsync(Partner partner, Resource resource, FhirIntakeOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(resource);
        var server = servers.For(partner.Id);
        var source = server is null ? null : new FhirServerResourceSource(server);
        var results = await FhirReferralReader.ReadAsync(resource, MappingFor(partner.Id), source, cancellationToken);
        var json = FhirJson.Bytes(resource);
        var kept = await documents.PutAsync(json, "application/fhir+json", cancellationToken);
        return await TakeResultsAsync(partner, results, new KeptInput(json, "application/fhir+json", kept), origin, cancellationToken);
    }

    private FhirMappingOptions MappingFor(string partnerId) => options.Value.For(partnerId)?.Mapping ?? FhirMappingOptions.None;

    private async Task<FhirIntakeReport> TakeResultsAsync(
        Partner partner,
        IReadOnlyList<FhirReferralResult> results,
        KeptInput kept,
        FhirIntakeOrigin origin,
        CancellationToken cancellationToken)
    {
        var items = new List<FhirTaken>(results.Count);
        foreach (var result in results)
        {
            items.Add(await TakeOneAsync(partner, result, kept, origin, cancellationToken));
        }

        var report = new FhirIntakeReport(items);
        logger.LogInformation(
            "FHIR {Origin} input from partner {PartnerId}: {ServiceRequests} ServiceRequests, {Accepted} accepted, {Duplicates} duplicates, {Refused} refused",
            origin,
            partner.Id,
            items.Count,
            report.Accepted,
            report.Duplicates,
            report.Refused);
        return report;
    }

    private async Task<FhirTaken> TakeOneAsync(Partner partner, FhirReferralResult result, KeptInput kept, FhirIntakeOrigin origin, CancellationToken cancellationToken)
    {
        // Posted input keeps the old rule (nothing but the partner's own ids say it is a repeat); input from the
        // server names the ServiceRequest version, so reading it again is recognised even when it was refused.
        var deliveryId = origin == FhirIntakeOrigin.Posted ? null : result.ServiceRequest?.DeliveryId;
        if (!result.IsReferral)
        {
            if (origin == FhirIntakeOrigin.Posted)
            {
                return new FhirTaken(result.ServiceRequestPath, null, false, result.Errors, RefusedByMapping: true, RejectionId: null);
            }

            var request = new IntakeRequest(Channel, partner.Id, deliveryId, kept.ContentType, kept.Bytes);
            var rejected = await intake.RejectAsync(request, partner, result.Errors, cancellationToken);
            await writeBack.QueueRejectedAsync(partner.Id, rejected.RejectionId, result.ServiceRequest, result.Errors, cancellationToken);
            return new FhirTaken(result.ServiceRequestPath, null, false, result.Errors, RefusedByMapping: true, rejected.RejectionId);
        }

        foreach (var attachment in result.Attachments)
        {
            await documents.PutAsync(attachment.Content, attachment.ContentType, cancellationToken);
        }

        var taken = await intake.AcceptJsonAsync(new IntakeRequest(Channel, partner.Id, deliveryId, "application/json", result.ReferralJson), partner, kept.Reference, cancellationToken);
        switch (taken)
        {
            case IntakeAccepted accepted:
                return new FhirTaken(result.ServiceRequestPath, accepted.ReferralId, accepted.Duplicate, [], false, null);
            case IntakeRejected rejected:
                if (origin != FhirIntakeOrigin.Posted)
                {
                    await writeBack.QueueRejectedAsync(partner.Id, rejected.RejectionId, result.ServiceRequest, rejected.Errors, cancellationToken);
                }

                return new FhirTaken(result.ServiceRequestPath, null, false, rejected.Errors, false, rejected.RejectionId);
            default:
                throw new InvalidOperationException("unexpected intake result");
        }
    }

    /// <summary>The input as kept in the document store, and its bytes for a rejection to keep with it.</summary>
    private sealed record KeptInput(ReadOnlyMemory<byte> Bytes, string ContentType, DocumentRef Reference);
}
