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
/// the referrer was served; when it is refused, or its last retry failed, a failed one tells it the referrer was not
/// (when a queue is given).
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
            if (SettlesReportDelivery(update))
            {
                await SettleReportFailureAsync(update, "no FHIR server configured for the partner", cancellationToken);
            }

            return;
        }

        var reportWritten = false;
        try
        {
            ResourceReference? report = null;
            if (update.ReportSha256 is { } sha256)
            {
                report = await WriteReportAsync(server, update, sha256, cancellationToken);
                reportWritten = true;
                // The report reached the partner: that is the referrer's receipt, whatever becomes of the Task.
                if (SettlesReportDelivery(update))
                {
                    await SettleReportDeliveryAsync(update, sha256, report, cancellationToken);
                }
            }

            var written = await server.UpsertByIdentifierAsync(FhirTaskBuilder.Task(update, report), FhirTaskBuilder.TaskIdentifier(update.TaskKey), cancellationToken);
            logger.LogInformation(
                "Task for {TaskKey} written to partner {PartnerId}: {Status} (Task id {TaskId})",
                update.TaskKey,
                update.PartnerId,
                update.Status,
                written.Id ?? "not returned");
        }
        catch (FhirServerException ex)
        {
            var failure = new OutboundDeliveryException(
                $"Task write-back for {update.TaskKey} to partner {update.PartnerId}: {ex.Message}",
                ex.IsTransient,
                ex.RetryAfter,
                ex);
            if (!reportWritten)
            {
                await SettleReportFailureIfLastAsync(message, update, failure, ex.StatusCode is { } status ? $"HTTP {status}" : "no answer", cancellationToken);
            }

            throw failure;
        }
        catch (OutboundDeliveryException ex) when (!reportWritten)
        {
            await SettleReportFailureIfLastAsync(message, update, ex, "report not in the document store", cancellationToken);
            throw;
        }
    }

    private bool SettlesReportDelivery(FhirTaskUpdate update) =>
        update.ReportSha256 is not null && update.Status == "ReportApproved" && queue is not null;

    private static string DeliveryIdOf(FhirTaskUpdate update) =>
        update.ReportDeliveryId ?? ReportDeliveryIds.For(update.TaskKey, update.ReportSha256!, ReportRecipientRoles.Referrer);

    private async System.Threading.Tasks.Task SettleReportDeliveryAsync(FhirTaskUpdate update, string sha256, ResourceReference report, CancellationToken cancellationToken)
    {
        var deliveryId = DeliveryIdOf(update);
        var settled = new DeliverySettled(
            deliveryId,
            update.TaskKey,
            OutboundChannels.Fhir,
            ReportDeliveryIds.Purpose,
            OutboundStatuses.Delivered,
            (time ?? TimeProvider.System).GetUtcNow(),
            report.Reference ?? "DocumentReference?identifier=" + sha256);
        await SendSettledAsync($"{DeliverySettled.MessageType}:{deliveryId}", settled, cancellationToken);
    }

    /// <summary>
    /// The approved report's DocumentReference was not written and will not be tried again (refused, or this was the
    /// last attempt of the schedule, as the dispatcher decides): report delivery hears that the referrer was not served,
    /// so it escalates the same day instead of waiting for a receipt that will not come.
    /// </summary>
    private async System.Threading.Tasks.Task SettleReportFailureIfLastAsync(ReceivedMessage message, FhirTaskUpdate update, OutboundDeliveryException failure, string why, CancellationToken cancellationToken)
    {
        if (!SettlesReportDelivery(update) || (failure.IsTransient && OutboundRetrySchedule.After(message.DeliveryCount, failure.RetryAfter) is not null))
        {
            return;
        }

        var detail = failure.IsTransient ? $"DocumentReference not written after {message.DeliveryCount} attempts ({why})" : $"DocumentReference refused ({why})";
        await SettleReportFailureAsync(update, detail, cancellationToken);
    }

    private async System.Threading.Tasks.Task SettleReportFailureAsync(FhirTaskUpdate update, string detail, CancellationToken cancellationToken)
    {
        var deliveryId = DeliveryIdOf(update);
        var settled = new DeliverySettled(
            deliveryId,
            update.TaskKey,
            OutboundChannels.Fhir,
            ReportDeliveryIds.Purpose,
            OutboundStatuses.Failed,
            (time ?? TimeProvider.System).GetUtcNow(),
            Detail: detail);
        await SendSettledAsync($"{DeliverySettled.MessageType}:{deliveryId}:failed", settled, cancellationToken);
        logger.LogWarning("Report delivery {MessageId} by FHIR write-back to partner {PartnerId} given up: {Detail}", deliveryId, update.PartnerId, detail);
    }

    private System.Threading.Tasks.Task SendSettledAsync(string messageId, DeliverySettled settled, CancellationToken cancellationToken) =>
        queue!.SendAsync(
            [new QueueMessage(messageId, DeliverySettled.MessageType, settled.ReferralId, JsonSerializer.SerializeToUtf8Bytes(settled, MessageJson.Options))],
            cancellationToken);

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
