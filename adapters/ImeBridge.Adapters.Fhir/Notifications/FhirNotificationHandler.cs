using System.Text.Json;
using ImeBridge.Adapters.Fhir.Intake;
using ImeBridge.Adapters.Fhir.Polling;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Fhir.Notifications;

/// <summary>
/// Acts on a queued subscription notification: an empty one polls the partner's server; a full-resource one is taken
/// in (its references read from the server); an id-only one has each named ServiceRequest read from the server and
/// taken in. A failure of the partner's server throws, and the queue tries again later; what was already taken in is
/// recognised then and not stored twice.
/// </summary>
public sealed class FhirNotificationHandler(
    IDocumentStore documents,
    IPartnerDirectory partners,
    FhirServerClients servers,
    IServiceScopeFactory scopes,
    ILogger<FhirNotificationHandler> logger) : IMessageHandler
{
    public string MessageType => FhirNotificationReceived.MessageType;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notification = JsonSerializer.Deserialize<FhirNotificationReceived>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidOperationException("empty FhirNotificationReceived body");
        var partner = partners.Find(notification.PartnerId);
        if (partner is null)
        {
            logger.LogWarning("Notification {MessageId} for unknown partner {PartnerId} dropped", message.MessageId, notification.PartnerId);
            return;
        }

        var payload = await PayloadAsync(notification, cancellationToken);
        if (payload.IsHeartbeat)
        {
            return;
        }

        var server = servers.For(partner.Id);
        await using var scope = scopes.CreateAsyncScope();
        if (payload.AsksForPoll)
        {
            if (server is null)
            {
                logger.LogWarning("Empty notification from partner {PartnerId}, which has no FHIR server to poll", partner.Id);
                return;
            }

            await scope.ServiceProvider.GetRequiredService<FhirPoller>().PollAsync(partner.Id, cancellationToken);
            return;
        }

        var intake = scope.ServiceProvider.GetRequiredService<FhirReferralIntake>();
        foreach (var resource in payload.Resources)
        {
            await intake.TakeAsync(partner, resource, FhirIntakeOrigin.Notified, cancellationToken);
        }

        foreach (var id in payload.Ids)
        {
            await TakeNamedAsync(intake, partner, server, id, cancellationToken);
        }
    }

    private async Task TakeNamedAsync(FhirReferralIntake intake, Partner partner, FhirServerClient? server, string id, CancellationToken cancellationToken)
    {
        if (server?.Locate(id) is null)
        {
            logger.LogWarning("Notification from partner {PartnerId} names a resource that is not on its FHIR server; skipped", partner.Id);
            return;
        }

        var read = await server.ReadAsync(id, cancellationToken);
        if (read is null)
        {
            logger.LogWarning("Notification from partner {PartnerId} names a resource its server does not have", partner.Id);
            return;
        }

        // As a Bundle entry with its full URL, so the referral knows where its ServiceRequest lives.
        var bundle = new Hl7.Fhir.Model.Bundle
        {
            Type = Hl7.Fhir.Model.Bundle.BundleType.Collection,
            Entry = [new Hl7.Fhir.Model.Bundle.EntryComponent { FullUrl = read.Location.ToString(), Resource = read.Resource }],
        };
        await intake.TakeAsync(partner, bundle, FhirIntakeOrigin.Notified, cancellationToken);
    }

    private async Task<FhirNotificationPayload> PayloadAsync(FhirNotificationReceived notification, CancellationToken cancellationToken)
    {
        if (notification.PayloadSha256 is null)
        {
            return FhirNotificationPayload.Empty;
        }

        await using var stream = await documents.OpenAsync(notification.PayloadSha256, cancellationToken)
            ?? throw new InvalidOperationException("the notification's payload is not in the document store");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var format = notification.ContentType == "application/fhir+xml" ? FhirFormat.Xml : FhirFormat.Json;
        var (resource, _) = FhirResourceParser.Parse(buffer.ToArray(), format);
        return resource is null ? FhirNotificationPayload.Empty with { IsHeartbeat = true } : FhirNotificationPayload.Of(resource) ?? FhirNotificationPayload.Empty with { IsHeartbeat = true };
    }
}
