using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Fhir.Notifications;

/// <summary>
/// Takes a subscription notification from a partner's server: checks it is one, keeps its payload and queues it, so
/// the server gets its answer at once and the work (fetching, polling, intake) is retried on ImeBridge's side when
/// the partner's server is slow to answer.
/// </summary>
public sealed class FhirNotifications(IDocumentStore documents, IMessageQueue queue)
{
    /// <summary>Errors (FHIRPath, reason) when the body is not a notification ImeBridge can act on; none when it was queued.</summary>
    public async Task<IReadOnlyList<FieldError>> AcceptAsync(string partnerId, ReadOnlyMemory<byte> body, FhirFormat? format, CancellationToken cancellationToken)
    {
        if (IsBlank(body.Span))
        {
            await SendAsync(new FhirNotificationReceived(partnerId, null, null), $"{FhirNotificationReceived.MessageType}:{partnerId}:{Guid.NewGuid():N}", partnerId, cancellationToken);
            return [];
        }

        var (resource, errors) = FhirResourceParser.Parse(body, format);
        if (resource is null)
        {
            return errors;
        }

        if (FhirNotificationPayload.Of(resource) is null)
        {
            return [new FieldError(resource.TypeName, "is not a subscription notification, a ServiceRequest or a Bundle holding one")];
        }

        var contentType = (format ?? FhirResourceParser.Detect(body.Span)) == FhirFormat.Xml ? "application/fhir+xml" : "application/fhir+json";
        var kept = await documents.PutAsync(body, contentType, cancellationToken);
        // The same payload twice (a server's retry) is one message.
        await SendAsync(new FhirNotificationReceived(partnerId, kept.Sha256, contentType), $"{FhirNotificationReceived.MessageType}:{partnerId}:{kept.Sha256}", partnerId, cancellationToken);
        return [];
    }

    private static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;

    private Task SendAsync(FhirNotificationReceived notification, string messageId, string partnerId, CancellationToken cancellationToken) =>
        queue.SendAsync(
            [new QueueMessage(messageId, FhirNotificationReceived.MessageType, "fhir-notifications:" + partnerId, JsonSerializer.SerializeToUtf8Bytes(notification, MessageJson.Options))],
            cancellationToken);
}
