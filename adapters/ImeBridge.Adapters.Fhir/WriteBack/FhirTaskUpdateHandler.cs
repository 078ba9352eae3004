using System.Text.Json;
using Hl7.Fhir.Model;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Fhir.WriteBack;

/// <summary>
/// Writes one <see cref="FhirTaskUpdate"/> to the partner's server: the report first, as a DocumentReference created
/// once (If-None-Exist on its SHA-256), then the Task by conditional update on ImeBridge's identifier, so a retry or a
/// second delivery writes the same Task again instead of a new one. Failures go back to the dispatcher as
/// <see cref="OutboundDeliveryException"/>: retried on the partner-delivery schedule when transient, dead-lettered when not.
/// Once an approved report's DocumentReference is written, a <see cref="DeliverySettled"/> tells report delivery that
/// the referrer was served (when a queue is given).
/// </summary>
public sealed class FhirTaskUpdateHandler(
    FhirServerClients servers,
    IDocumentStore documents,
    ILogger<FhirTaskUpdateHandler> logger,
    IMessageQueue? queue = null,
    TimeProvider? time = null) : IMessageHandler
{
    public string MessageType => FhirTaskUpdate.MessageType;

    public async System.Threading.Tasks.Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var update = JsonSerializer.Deserialize<FhirTaskUpdate>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidOperationException("empty FhirTaskUpdate body");
        if (servers.For(update.PartnerId) is not { } server)
        {
            logger.LogWarning("Task write-back {MessageId} skipped: partner {PartnerId} has no FHIR server configured any more", message.MessageId, update.PartnerId);
            return;
        }

        try
        {
            var report = update.ReportSha256 is { } sha256 ? await WriteReportAsync(server, update, sha256, cancellationToken) : null;
            var written = await server.UpsertByIdentifierAsync(FhirTaskBuilder.Task(update, report), FhirTaskBuilder.TaskIdentifier(update.TaskKey), cancellationToken);
            logger.LogInformation(
                "Task for {TaskKey} written to partner {PartnerId}: {Status} (Task id {TaskId})",
                update.TaskKey,
                update.PartnerId,
                update.Status,
                written.Id ?? "not returned");
            if (report is not null && update.Status == "ReportApproved" && queue is not null)
            {
                await SettleReportDeliveryAsync(update, update.ReportSha256!, report, cancellationToken);
            }
        }
        catch (FhirServerException ex)
        {
            throw new OutboundDeliveryException(
                $"Task write-back for {update.TaskKey} to partner {update.PartnerId}: {ex.Message}",
                ex.IsTransient,
                ex.RetryAfter,
                ex);
        }
    }

    private async System.Threading.Tasks.Task SettleReportDeliveryAsync(FhirTaskUpdate update, string sha256, ResourceReference report, CancellationToken cancellationToken)
    {
        var deliveryId = ReportDeliveryIds.For(update.TaskKey, sha256, ReportRecipientRoles.Referrer);
        var settled = new DeliverySettled(
            deliveryId,
            update.TaskKey,
            OutboundChannels.Fhir,
            ReportDeliveryIds.Purpose,
            OutboundStatuses.Delivered,
            (time ?? TimeProvider.System).GetUtcNow(),
            report.Reference ?? "DocumentReference?identifier=" + sha256);
        await queue!.SendAsync(
            [new QueueMessage($"{DeliverySettled.MessageType}:{deliveryId}", DeliverySettled.MessageType, update.TaskKey, JsonSerializer.SerializeToUtf8Bytes(settled, MessageJson.Options))],
            cancellationToken);
    }

    private async Task<ResourceReference> WriteReportAsync(FhirServerClient server, FhirTaskUpdate update, string sha256, CancellationToken cancellationToken)
    {
        await using var stream = await documents.OpenAsync(sha256, cancellationToken)
            ?? throw new OutboundDeliveryException($"Task write-back for {update.TaskKey}: the report {sha256} is not in the document store", isTransient: false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var document = FhirTaskBuilder.Report(update, buffer.ToArray(), "application/pdf", sha256);
        var written = await server.CreateIfNoneExistAsync(document, FhirTaskBuilder.ReportIdentifier(sha256), cancellationToken);
        // A server that matched an existing report may answer without its id: the identifier still names it.
        return written.Id is { } id
            ? new ResourceReference($"DocumentReference/{id}")
            : new ResourceReference { Type = "DocumentReference", Identifier = FhirTaskBuilder.ReportIdentifier(sha256) };
    }
}
